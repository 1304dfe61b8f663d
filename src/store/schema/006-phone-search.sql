-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 6: phone numbers are found by their digits, not
-- by the words they were typed in (src/README.md "Search").
--
-- The phone column of a contact's search document holds a token per key
-- of each phone number (kontor_phone_index_keys()): "n" and the whole
-- international number, "g" and the digits from each later digit group on.
-- A query is one prefix of these tokens (phone : "n4930"*). The layout
-- stays; the migration writes every search document anew right after this
-- script (kontor-store-migrations.c).

SELECT 1;
