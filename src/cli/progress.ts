/**
 * A progress line on stderr for long runs, on a terminal only (SPEC §7): rows, rows per second,
 * and, when the input's size is known, percent and time left. Called with done < 0 to clear it.
 */
export function progressLine(stderr: NodeJS.WriteStream): (done: number, total: number | undefined, rows: number) => void {
  const start = Date.now();
  let last = 0;
  let shown = false;
  return (done, total, rows) => {
    if (done < 0) {
      if (shown) stderr.write('\r\u001b[K');
      return;
    }
    const now = Date.now();
    if (now - last < 250 || now - start < 1000) return;
    last = now;
    shown = true;
    const seconds = (now - start) / 1000;
    let text = `srp: ${Math.round(rows).toLocaleString('en')} rows, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`;
    if (total) {
      const share = Math.min(1, done / total);
      text += `, ${(share * 100).toFixed(0)}%, about ${share > 0 ? Math.ceil((seconds * (1 - share)) / share) : '?'} s left`;
    }
    stderr.write(`\r\u001b[K${text}`);
  };
}
