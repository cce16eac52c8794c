// Bundled by the cold-start case and run in a fresh Node process: what the main process
// does before the window can show data (load the server code, open and migrate the book,
// register the handlers, answer the first call).
import { openBook } from '../src/app/book';
import { createRegistry } from '../src/app/handlers';

const file = process.argv[2]!;
const ctx = await openBook(file, { dailyBackup: false });
const reg = createRegistry();
await reg.call(ctx, 'accounts:lookups', {});
ctx.db.close();
process.stdout.write(`ready ${performance.now().toFixed(1)}\n`);
