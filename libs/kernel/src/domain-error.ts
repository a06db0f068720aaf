/** An error a domain context throws on purpose; apps/api maps its code to an HTTP answer. */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly context: string;

  constructor(
    readonly code: Code,
    message: string,
    /** Extra, user-facing detail (for example the unmet requirements of a pathway step). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
