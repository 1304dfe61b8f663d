-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 4: a board column lists its cards by rank (names break
-- ties) and shows only prospects and customers; this index answers that
-- query in order and without reading the table.

DROP INDEX contact_pipeline;
CREATE INDEX contact_pipeline ON contact (pipeline_status_id, rank, sort_name, rid, status);
