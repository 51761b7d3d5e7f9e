-- Casenotes vault, schema version 2: the practitioner's voice profile and custom vocabulary.
-- Both are personal data (a voiceprint; names of people and places), so they live here, in
-- the encrypted vault, not in the settings file.

CREATE TABLE voice_profiles (
    profile_id  INTEGER PRIMARY KEY REFERENCES profiles(id),
    vector_json TEXT NOT NULL,   -- summary of the practitioner's voice (transcription/voice.py)
    seconds     REAL NOT NULL,   -- length of the enrolment recording
    created_at  TEXT NOT NULL
);

-- Words Whisper should expect: names of people, places, services, local jargon. A term with
-- no case belongs to the practitioner (every visit); with a case, to that case only.
CREATE TABLE vocabulary (
    id          INTEGER PRIMARY KEY,
    profile_id  INTEGER NOT NULL REFERENCES profiles(id),
    case_id     INTEGER REFERENCES cases(id),
    term        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (profile_id, case_id, term)
);
