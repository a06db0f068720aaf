import { type Actor, isAdmin } from '@msc/kernel';
import { PracticumError, PracticumErrorCode } from './practicum.errors.js';
import type { RecordingRow, RecordingsRepository } from './recordings.repository.js';

/** The owner, the assigned reviewer and admins see a recording; for anyone else it does not exist. */
export async function visibleRecording(
  recordings: RecordingsRepository,
  actor: Actor,
  id: string,
): Promise<RecordingRow> {
  const row = await recordings.findById(id);
  if (!row || !(isAdmin(actor) || row.trainee_id === actor.id || row.reviewer_id === actor.id)) {
    throw new PracticumError(PracticumErrorCode.RecordingNotFound, 'No such recording');
  }
  return row;
}
