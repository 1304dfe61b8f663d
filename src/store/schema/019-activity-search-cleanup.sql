-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 19: an activity's search document goes with it
-- on every path (src/README.md "Activities"), also when its contact or
-- company is deleted and it goes by ON DELETE CASCADE, which runs no
-- code of the store but does fire this trigger. The documents such
-- deletes left behind before go now.

CREATE TRIGGER activity_search_delete AFTER DELETE ON activity
BEGIN
  DELETE FROM activity_search WHERE rowid = old.rid;
END;

DELETE FROM activity_search WHERE rowid NOT IN (SELECT rid FROM activity);
