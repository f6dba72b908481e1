/**
 * The Roundtable wire protocol (docs/protocol.md), mirrored as TypeScript types.
 *
 * Every message is a member of one discriminated union on `type`: `Command` for what the
 * browser sends (commands.ts), `ServerMessage` for what the server sends (messages.ts), whose
 * changes are the `Change` union (changes.ts); the objects inside them are in objects.ts and
 * the HTTP API of files in http.ts. The app imports them all from here.
 */
export * from './objects';
export * from './commands';
export * from './changes';
export * from './messages';
export * from './http';
