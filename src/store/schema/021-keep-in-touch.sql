-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 21: when a contact is due for "stay in touch"
-- (feature R2, src/README.md "Reminders"): its last activity, or its
-- creation when it has none, plus its interval. Only the few contacts
-- with an interval are in the index, in the order they come due, so the
-- reminders' check each minute and the Today page read a range of it
-- (kontor_store_list_keep_in_touch(), which writes the same expression).

CREATE INDEX contact_keep_in_touch ON contact
  ((CASE WHEN last_activity_at > 0 THEN last_activity_at ELSE created_at END)
   + keep_in_touch_days * 86400, rid)
  WHERE keep_in_touch_days > 0;
