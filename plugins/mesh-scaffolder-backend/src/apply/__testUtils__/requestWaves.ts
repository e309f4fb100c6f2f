import http from 'node:http';

/**
 * Sequential request waves: how many times a client had to wait for an answer before it could send
 * its next request — the round trips of latency an operation costs, counted instead of timed.
 *
 * Definition. A server numbers requests in the order they arrive. For a request r,
 * `answeredBefore(r)` is the set of requests whose answers had been sent before r arrived; it is
 * always a prefix of the order in which answers were sent, so the prefix length is recorded. Then
 *
 *     wave(r) = 1 + max { wave(q) : q ∈ answeredBefore(r) }      (the max of nothing is 0)
 *
 * and the waves of a run are the largest wave of its requests: the longest chain of requests each
 * of which arrived after the one before it had been answered. Requests sent together are one wave;
 * a request that waited for an answer (or for a free slot under a concurrency bound) starts the
 * next. `count(from)` leaves out requests that arrived before `from`, also as dependencies, so one
 * server can count two runs apart.
 *
 * Taken alone the count is an upper bound: a request that merely left late counts as waiting on
 * every answer sent before it arrived. {@link AnswerGate} makes it the client's own: answers wait
 * until the client has gone quiet, so requests it sends together all arrive before any is answered.
 */
export class RequestWaves {
  /** Per request, in arrival order: how many answers had been sent when it arrived. */
  private readonly answeredBefore: number[] = [];
  /** Arrival numbers of requests, in the order their answers were sent. */
  private readonly answerOrder: number[] = [];

  /** Records an arriving request; returns its arrival number. */
  arrived(): number {
    this.answeredBefore.push(this.answerOrder.length);
    return this.answeredBefore.length - 1;
  }

  /** Records that the answer to a request has been sent. */
  answered(arrival: number): void {
    this.answerOrder.push(arrival);
  }

  /** The waves of the requests that arrived at or after arrival number `from`. */
  count(from = 0): number {
    const waves: number[] = [];
    let most = 0;
    for (let r = from; r < this.answeredBefore.length; r++) {
      let waitedOn = 0;
      for (const q of this.answerOrder.slice(0, this.answeredBefore[r])) {
        if (q >= from) {
          waitedOn = Math.max(waitedOn, waves[q]);
        }
      }
      waves[r] = waitedOn + 1;
      most = Math.max(most, waves[r]);
    }
    return most;
  }
}

/**
 * Event-loop turns without a new connection or request after which a client in this process is
 * taken to be waiting for answers. A client sends the requests it can send at once within one turn
 * and the server reads them within the next two; the margin costs microseconds per answer.
 */
const QUIET_TURNS = 8;

/**
 * Holds answers until the client has gone quiet: no connection accepted and no request received
 * for {@link QUIET_TURNS} turns of the event loop, and every accepted connection has delivered its
 * request. Counted in turns, not milliseconds, so a busy machine slows client and server alike and
 * the wave count stays the same.
 */
export class AnswerGate {
  private held: Array<() => void> = [];
  private activity = 0;
  private readonly silent = new Set<unknown>();
  private checking = false;

  watch(server: http.Server): void {
    server.on('connection', socket => {
      this.activity++;
      this.silent.add(socket);
      socket.once('close', () => this.silent.delete(socket));
    });
    server.on('request', (req: http.IncomingMessage) => {
      this.activity++;
      this.silent.delete(req.socket);
    });
  }

  /** Resolves once the client has gone quiet. */
  pass(): Promise<void> {
    return new Promise(resolve => {
      this.held.push(resolve);
      this.waitForQuiet();
    });
  }

  private waitForQuiet(): void {
    if (this.checking) {
      return;
    }
    this.checking = true;
    let seen = this.activity;
    let quietTurns = 0;
    const turn = () => {
      if (this.activity !== seen || this.silent.size > 0) {
        seen = this.activity;
        quietTurns = 0;
      } else {
        quietTurns++;
      }
      if (quietTurns < QUIET_TURNS) {
        setImmediate(turn);
        return;
      }
      this.checking = false;
      const released = this.held;
      this.held = [];
      released.forEach(release => release());
    };
    setImmediate(turn);
  }
}
