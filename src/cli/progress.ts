/** A progress line on stderr for long runs, on a terminal only (SPEC §7); -1 clears it. */
export function progressLine(stderr: NodeJS.WriteStream): (done: number, total: number | undefined) => void {
  const start = Date.now();
  let last = 0;
  let shown = false;
  return (done, total) => {
    if (done < 0) {
      if (shown) stderr.write('\r\u001b[K');
      return;
    }
    const now = Date.now();
    if (now - last < 250 || now - start < 1000) return;
    last = now;
    shown = true;
    const seconds = (now - start) / 1000;
    const mb = done / 1e6;
    let text = `srp: ${mb.toFixed(1)} MB read, ${(mb / seconds).toFixed(1)} MB/s`;
    if (total) {
      const share = Math.min(1, done / total);
      const left = share > 0 ? seconds * (1 - share) / share : 0;
      text += `, ${(share * 100).toFixed(0)}%, about ${left.toFixed(0)} s left`;
    }
    stderr.write(`\r\u001b[K${text}`);
  };
}
