-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 22: who took part in which activity, as rows
-- (feature A4, A6; src/README.md "Activities"). The participants are
-- JSON lists in the activity's own row (schema 20); a list of a
-- colleague's activities read them with json_each() row by row, 106 ms
-- over 100,000 activities where the whole list takes 10
-- (tests/bench/bench-activities.c). This table is their index: one row
-- per contact or colleague taking part, kept by triggers on every path
-- (a form, an undo, a sync, a delete by cascade), so the store's code
-- never writes it. Local, never synced; rebuilt from the lists here.

CREATE TABLE activity_participant (
  person_id     TEXT    NOT NULL,
  activity_rid  INTEGER NOT NULL,
  PRIMARY KEY (person_id, activity_rid)
) WITHOUT ROWID;

CREATE INDEX activity_participant_activity ON activity_participant (activity_rid);

CREATE TRIGGER activity_participant_insert AFTER INSERT ON activity
WHEN new.participant_contacts IS NOT NULL OR new.participant_users IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO activity_participant (person_id, activity_rid)
    SELECT value, new.rid FROM json_each (CASE WHEN json_valid (new.participant_contacts)
                                          THEN new.participant_contacts ELSE '[]' END)
    UNION
    SELECT value, new.rid FROM json_each (CASE WHEN json_valid (new.participant_users)
                                          THEN new.participant_users ELSE '[]' END);
END;

CREATE TRIGGER activity_participant_update
AFTER UPDATE OF participant_contacts, participant_users ON activity
BEGIN
  DELETE FROM activity_participant WHERE activity_rid = old.rid;
  INSERT OR IGNORE INTO activity_participant (person_id, activity_rid)
    SELECT value, new.rid FROM json_each (CASE WHEN json_valid (new.participant_contacts)
                                          THEN new.participant_contacts ELSE '[]' END)
    UNION
    SELECT value, new.rid FROM json_each (CASE WHEN json_valid (new.participant_users)
                                          THEN new.participant_users ELSE '[]' END);
END;

CREATE TRIGGER activity_participant_delete AFTER DELETE ON activity
BEGIN
  DELETE FROM activity_participant WHERE activity_rid = old.rid;
END;

INSERT OR IGNORE INTO activity_participant (person_id, activity_rid)
  SELECT j.value, a.rid FROM activity a, json_each (a.participant_contacts) j
  WHERE json_valid (a.participant_contacts)
  UNION
  SELECT j.value, a.rid FROM activity a, json_each (a.participant_users) j
  WHERE json_valid (a.participant_users);
