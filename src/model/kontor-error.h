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
 * @KONTOR_STORE_ERROR_INVALID: the values do not pass validation
 * @KONTOR_STORE_ERROR_RESTRICTED: the record's status does not allow this
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

G_END_DECLS
