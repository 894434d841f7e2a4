// Starts the built server (`langnghe serve`) in a child process on a free port and resolves with the address it
// logs, over HTTP or, with TLS_CERT/TLS_KEY, HTTPS.
import { spawn } from 'node:child_process';

export function startServer(
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; output: string; stop: () => void; exited: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/langnghe.js', 'serve'], {
      env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    });
    let output = '';
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(https?:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          get output() {
            return output;
          },
          stop: () => child.kill('SIGTERM'),
          exited,
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
}
