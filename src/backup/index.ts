export { backupData } from './backup-data.js';
export { BackupError } from './backup-error.js';
export { restoreData, type RestoreSummary } from './restore-data.js';
export { verifyBackup, type VerifiedBackup } from './read-backup.js';
export { writeBackup, type BackupSummary } from './write-backup.js';
export { backupKeyFrom, type BackupKey } from './backup-key.js';
export { openDurableRecords, type DurableRecords } from './open-durable-records.js';
