/** `| head` closing the pipe early is not an error for a CLI: stop quietly instead of crashing on EPIPE. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
