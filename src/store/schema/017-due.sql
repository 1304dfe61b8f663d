-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 17: what is due, for the Today page (feature R2,
-- src/README.md "Today"): the open tasks by their due date, and the
-- contacts that have a due date, each a short index of the few rows that
-- can be due, walked up to today.

CREATE INDEX activity_due_tasks ON activity (due_on, rid)
  WHERE kind = 0 AND done = 0 AND due_on IS NOT NULL;
CREATE INDEX contact_due ON contact (due_date, rid)
  WHERE due_date IS NOT NULL;
