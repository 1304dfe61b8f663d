/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KONTOR_STORE_ERROR (kontor_store_error_quark ())

/**
 * KontorStoreError:
 * @KONTOR_STORE_ERROR_FAILED: any other failure of the database
 * @KONTOR_STORE_ERROR_FULL: the disk (or the database's size limit) is full
 * @KONTOR_STORE_ERROR_READ_ONLY: the database cannot be written
 * @KONTOR_STORE_ERROR_BUSY: another program holds the database locked
 * @KONTOR_STORE_ERROR_CORRUPT: the file is damaged or not a Kontor database
 * @KONTOR_STORE_ERROR_CANT_OPEN: the file cannot be opened or created
 * @KONTOR_STORE_ERROR_IO: reading or writing the disk failed
 * @KONTOR_STORE_ERROR_TOO_NEW: the database was written by a newer Kontor
 * @KONTOR_STORE_ERROR_CONSTRAINT: the change breaks a rule of the database
 * @KONTOR_STORE_ERROR_DUPLICATE_NUMBER: the customer number is taken
 * @KONTOR_STORE_ERROR_NOT_FOUND: the record does not exist (any more)
 * @KONTOR_STORE_ERROR_INVALID: the request does not fit the database: a
 *   column name that is taken, a customer number range that cannot be;
 *   the rules of a record's own values raise #KONTOR_RECORD_ERROR
 * @KONTOR_STORE_ERROR_RESTRICTED: unused; see %KONTOR_RECORD_ERROR_RESTRICTED
 *
 * Every message is translated and names what went wrong.
 */
typedef enum
{
  KONTOR_STORE_ERROR_FAILED,
  KONTOR_STORE_ERROR_FULL,
  KONTOR_STORE_ERROR_READ_ONLY,
  KONTOR_STORE_ERROR_BUSY,
  KONTOR_STORE_ERROR_CORRUPT,
  KONTOR_STORE_ERROR_CANT_OPEN,
  KONTOR_STORE_ERROR_IO,
  KONTOR_STORE_ERROR_TOO_NEW,
  KONTOR_STORE_ERROR_CONSTRAINT,
  KONTOR_STORE_ERROR_DUPLICATE_NUMBER,
  KONTOR_STORE_ERROR_NOT_FOUND,
  KONTOR_STORE_ERROR_INVALID,
  KONTOR_STORE_ERROR_RESTRICTED,
} KontorStoreError;

GQuark kontor_store_error_quark (void);

#define KONTOR_RECORD_ERROR (kontor_record_error_quark ())

/**
 * KontorRecordError:
 * @KONTOR_RECORD_ERROR_REQUIRED: a value that must be given is missing or
 *   blank (a contact's name or company, a company's or a column's name)
 * @KONTOR_RECORD_ERROR_INVALID_TEXT: a text is not valid UTF-8 or holds a
 *   control character the field does not allow
 * @KONTOR_RECORD_ERROR_TOO_LONG: a text is longer than its field allows
 * @KONTOR_RECORD_ERROR_INVALID_EMAIL: an e-mail address does not look like one
 * @KONTOR_RECORD_ERROR_INVALID_PHONE: a phone number has no digit
 * @KONTOR_RECORD_ERROR_INVALID_DATE: a date is not a real calendar date
 *   written "YYYY-MM-DD"
 * @KONTOR_RECORD_ERROR_INVALID_VALUE: a value outside its range: an unknown
 *   status, a damaged board position, a stale limit beyond ten years
 * @KONTOR_RECORD_ERROR_STATUS_TRANSITION: the status may not change this
 *   way: the pipeline status of an archived or inbox contact
 * @KONTOR_RECORD_ERROR_RESTRICTED: a system column of the board keeps its
 *   name, its place and its existence; a column with contacts stays
 * @KONTOR_RECORD_ERROR_NOT_PERMITTED: the current user's role may not make
 *   this change (feature U1): a viewer changes nothing, only an
 *   administrator changes users and teams, the last administrator stays
 *   one, and only users with the sales role are sales reps
 *
 * The rules of the data (kontor_record_validate()), the same for the
 * forms, the store, the importer and the sync engine. Every message is
 * translated and names the field and the value that is wrong, shortened
 * when it is long.
 */
typedef enum
{
  KONTOR_RECORD_ERROR_REQUIRED,
  KONTOR_RECORD_ERROR_INVALID_TEXT,
  KONTOR_RECORD_ERROR_TOO_LONG,
  KONTOR_RECORD_ERROR_INVALID_EMAIL,
  KONTOR_RECORD_ERROR_INVALID_PHONE,
  KONTOR_RECORD_ERROR_INVALID_DATE,
  KONTOR_RECORD_ERROR_INVALID_VALUE,
  KONTOR_RECORD_ERROR_STATUS_TRANSITION,
  KONTOR_RECORD_ERROR_RESTRICTED,
  KONTOR_RECORD_ERROR_NOT_PERMITTED,
} KontorRecordError;

GQuark kontor_record_error_quark (void);

G_END_DECLS
