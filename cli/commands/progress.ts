import cliProgress from 'cli-progress';

/** A progress bar on a terminal; silent when stderr is not one (CI, pipes). */
export function progressBar(label: string) {
  if (!process.stderr.isTTY)
    return { update: (_done: number, _total: number) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}
