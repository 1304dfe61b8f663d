-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 9: companies get customer numbers from a range of
-- their own ("Nummer erzeugen" on a company's page, feature C1,
-- src/README.md "Number ranges"), "F-2026-00001" until an administrator
-- changes it. Numbers stay unique across contacts and companies.

INSERT INTO number_range (id, entity, prefix, year_format, padding, next_value)
VALUES ('00000000-0000-7000-8000-000000000103', 'company', 'F-', 1, 5, 1);
