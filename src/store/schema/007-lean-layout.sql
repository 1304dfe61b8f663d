-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 7: every order of the contacts table is an index
-- walk, and nothing is kept that no query reads (src/README.md "Where the
-- bytes go").
--
-- A list sorted by a column breaks ties by name, then row id, and shows
-- all but archived contacts: an index of (column, sort_name, rid, status)
-- answers it in order from the index alone. The indexes of version 1
-- lacked the name (company, last activity) or were missing (status,
-- e-mail, phone, customer number), so those orders sorted 100,000 rows in
-- memory. The pipeline status sorts by its column's position, held by
-- another table: the name index carries the status id, and the store
-- walks it once and takes the rows column by column
-- (kontor-store-query.c).
--
-- No query looks up links by their target: contact_link_target goes.
--
-- Natural sort keys (phone, customer number) and e-mail keys lose the
-- original text they carried after the key for ties (kontor-text.c): the
-- name breaks those ties. The migration makes every key anew right after
-- this script (kontor-store-migrations.c).

DROP INDEX contact_link_target;

DROP INDEX contact_sort_name;
DROP INDEX contact_sort_company;
DROP INDEX contact_last_activity;
CREATE INDEX contact_sort_name     ON contact (sort_name, rid, status, pipeline_status_id);
CREATE INDEX contact_sort_company  ON contact (sort_company, sort_name, rid, status);
CREATE INDEX contact_last_activity ON contact (last_activity_at, sort_name, rid, status);
CREATE INDEX contact_sort_email    ON contact (sort_email, sort_name, rid, status);
CREATE INDEX contact_sort_phone    ON contact (sort_phone, sort_name, rid, status);
CREATE INDEX contact_sort_number   ON contact (sort_number, sort_name, rid, status);
CREATE INDEX contact_status        ON contact (status, sort_name, rid);
