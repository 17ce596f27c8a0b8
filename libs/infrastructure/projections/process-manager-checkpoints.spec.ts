import Database from 'better-sqlite3';
import { sqliteProcessManagerCheckpoints } from './process-manager-checkpoints.js';

describe('sqliteProcessManagerCheckpoints', () => {
  it('has no checkpoint for a new process manager, then keeps the last saved position', () => {
    const db = new Database(':memory:');
    const checkpoints = sqliteProcessManagerCheckpoints(db);
    expect(checkpoints.load('ims-slip')).toBeUndefined();
    checkpoints.save('ims-slip', 41n);
    checkpoints.save('ims-slip', 42n);
    expect(checkpoints.load('ims-slip')).toBe(42n);
    expect(sqliteProcessManagerCheckpoints(db).load('ims-slip')).toBe(42n);
  });
});
