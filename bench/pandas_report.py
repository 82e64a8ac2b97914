"""The same read and aggregate as `srp report`, in pandas: mean satisfaction delta and paradox rate.
Usage: python3 bench/pandas_report.py FILE [european]"""
import sys
import pandas as pd

if len(sys.argv) > 2 and sys.argv[2] == "european":
    d = pd.read_csv(sys.argv[1], sep=";", decimal=",", encoding="latin1")
    pre, post = d["Tevredenheid voor"], d["Tevredenheid na"]
else:
    d = pd.read_csv(sys.argv[1])
    pre, post = d["pre_satisfaction"], d["post_satisfaction"]
delta = pd.to_numeric(post, errors="coerce") - pd.to_numeric(pre, errors="coerce")
print(len(d), delta.mean(), (delta > 0).mean())
