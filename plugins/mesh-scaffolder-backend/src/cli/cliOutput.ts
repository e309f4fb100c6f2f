/** Where the CLI writes; injected so tests read exactly what a terminal would show. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}
