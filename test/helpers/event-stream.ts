// A client of /api/v1/me/events for HTTP tests: keeps what the server sent and notices when the
// server ends the stream (as opposed to the test closing it).
export interface OpenStream {
  /** Everything received so far. */
  readonly text: string;
  /** Resolves when the server ends the stream, with everything it sent. */
  readonly ended: Promise<string>;
  close(): void;
}

export type StreamAnswer =
  | { status: 200; stream: OpenStream }
  | { status: number; body: { error: string; message: string } };

export async function openEventStream(
  base: string,
  cookie: string,
  path = '/api/v1/me/events',
): Promise<StreamAnswer> {
  const controller = new AbortController();
  const res = await fetch(`${base}${path}`, { headers: { cookie }, signal: controller.signal });
  if (res.status !== 200) return { status: res.status, body: await res.json() };
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  })();
  // Closing it from the test side rejects the read: that is not the server ending it.
  ended.catch(() => {});
  return {
    status: 200,
    stream: {
      get text() {
        return text;
      },
      ended,
      close: () => controller.abort(),
    },
  };
}

/** True once the stream has ended, false while it is still open after `ms`. */
export async function endsWithin(stream: OpenStream, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const open = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([stream.ended.then(() => true as const), open]);
  } finally {
    clearTimeout(timer);
  }
}
