-- Casenotes vault, schema version 3: the evidence behind an approved note is frozen.
-- An approved note cites its transcript's segments by index and rests on the recording they
-- came from. Once a visit has an approved note (any version), its recordings, audio chunks,
-- transcripts and segments can be neither added to, changed nor deleted; the note is corrected
-- by amending it. The one exception is retention: it first marks a recording or transcript
-- deleted (deleted_at, once) and may then remove that recording's chunks or transcript's
-- segments, in the same audited transaction. The drafts behind such a note are kept too.
-- storage/records/base.py refuses the same changes first, with a message for the user.

CREATE TRIGGER approved_recordings_get_no_more BEFORE INSERT ON recordings
WHEN EXISTS (SELECT 1 FROM notes n WHERE n.visit_id = NEW.visit_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the recording of a visit with an approved note is kept as approved: amend the note instead'); END;

-- Only finishing an interrupted recording or marking it deleted (retention), each once.
CREATE TRIGGER approved_recordings_are_read_only BEFORE UPDATE ON recordings
WHEN EXISTS (SELECT 1 FROM notes n WHERE n.visit_id = OLD.visit_id AND n.status = 'approved')
 AND NOT (NEW.id IS OLD.id AND NEW.visit_id IS OLD.visit_id AND NEW.source IS OLD.source
          AND NEW.filename IS OLD.filename AND NEW.codec IS OLD.codec
          AND NEW.sample_rate IS OLD.sample_rate AND NEW.started_at IS OLD.started_at
          AND (NEW.finished_at IS OLD.finished_at OR OLD.finished_at IS NULL)
          AND (NEW.deleted_at IS OLD.deleted_at OR OLD.deleted_at IS NULL))
BEGIN SELECT RAISE(ABORT, 'the recording of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_recordings_are_kept BEFORE DELETE ON recordings
WHEN EXISTS (SELECT 1 FROM notes n WHERE n.visit_id = OLD.visit_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the recording of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_audio_gets_no_more BEFORE INSERT ON audio_chunks
WHEN EXISTS (SELECT 1 FROM recordings r JOIN notes n ON n.visit_id = r.visit_id
             WHERE r.id = NEW.recording_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the audio of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_audio_is_read_only BEFORE UPDATE ON audio_chunks
WHEN EXISTS (SELECT 1 FROM recordings r JOIN notes n ON n.visit_id = r.visit_id
             WHERE r.id = OLD.recording_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the audio of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_audio_is_kept BEFORE DELETE ON audio_chunks
WHEN EXISTS (SELECT 1 FROM recordings r JOIN notes n ON n.visit_id = r.visit_id
             WHERE r.id = OLD.recording_id AND n.status = 'approved' AND r.deleted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'the audio of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_transcripts_get_no_more BEFORE INSERT ON transcripts
WHEN EXISTS (SELECT 1 FROM notes n WHERE n.visit_id = NEW.visit_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the transcript of a visit with an approved note is kept as approved: amend the note instead'); END;

-- Only marking it deleted (retention), once.
CREATE TRIGGER approved_transcripts_are_read_only BEFORE UPDATE ON transcripts
WHEN EXISTS (SELECT 1 FROM notes n WHERE n.visit_id = OLD.visit_id AND n.status = 'approved')
 AND NOT (NEW.id IS OLD.id AND NEW.visit_id IS OLD.visit_id
          AND NEW.recording_id IS OLD.recording_id AND NEW.model IS OLD.model
          AND NEW.language IS OLD.language AND NEW.duration IS OLD.duration
          AND NEW.settings_json IS OLD.settings_json AND NEW.created_at IS OLD.created_at
          AND (NEW.deleted_at IS OLD.deleted_at OR OLD.deleted_at IS NULL))
BEGIN SELECT RAISE(ABORT, 'the transcript of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_transcripts_are_kept BEFORE DELETE ON transcripts
WHEN EXISTS (SELECT 1 FROM notes n WHERE n.visit_id = OLD.visit_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the transcript of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_segments_get_no_more BEFORE INSERT ON segments
WHEN EXISTS (SELECT 1 FROM transcripts t JOIN notes n ON n.visit_id = t.visit_id
             WHERE t.id = NEW.transcript_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the transcript of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_segments_are_read_only BEFORE UPDATE ON segments
WHEN EXISTS (SELECT 1 FROM transcripts t JOIN notes n ON n.visit_id = t.visit_id
             WHERE t.id = OLD.transcript_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the transcript of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_segments_are_kept BEFORE DELETE ON segments
WHEN EXISTS (SELECT 1 FROM transcripts t JOIN notes n ON n.visit_id = t.visit_id
             WHERE t.id = OLD.transcript_id AND n.status = 'approved' AND t.deleted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'the transcript of a visit with an approved note is kept as approved: amend the note instead'); END;

CREATE TRIGGER approved_drafts_are_kept BEFORE DELETE ON drafts
WHEN EXISTS (SELECT 1 FROM notes n WHERE n.visit_id = OLD.visit_id AND n.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'the drafts behind an approved note are kept'); END;
