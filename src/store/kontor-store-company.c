/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Companies in the store: their hooks (rules, customer number, the
 * contacts that show a company's name) and their extra SQL. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-store-company.h"
#include "kontor-store-crud.h"
#include "kontor-store-activity.h"
#include "kontor-store-employment.h"
#include "kontor-store-numbers.h"
#include "kontor-store-user.h"

static void
company_sort_texts (KontorStore   *self,
                    KontorRecord  *record,
                    char         **texts,
                    gboolean      *natural)
{
  texts[0] = g_strdup (kontor_company_get_name (KONTOR_COMPANY (record)));
  texts[1] = g_strdup (kontor_company_get_customer_number (KONTOR_COMPANY (record)));
  natural[1] = TRUE;
}

static gboolean
company_check (KontorStore   *self,
               KontorRecord  *record,
               KontorRecord  *old,
               GError       **error)
{
  KontorCompany *company = KONTOR_COMPANY (record);

  return _kontor_store_check_customer_number (self, kontor_company_get_customer_number (company),
                                             kontor_record_get_id (record), error) &&
         _kontor_store_check_sales_reps (self, kontor_company_get_sales_reps (company),
                                         old != NULL ?
                                         kontor_company_get_sales_reps (KONTOR_COMPANY (old)) :
                                         NULL,
                                         error);
}

/* The row ids of the contacts of company @company_id, or %NULL on error */
static GArray *
company_contact_rowids (KontorStore  *self,
                        const char   *company_id,
                        GError      **error)
{
  return _kontor_store_select_rowids (self, "SELECT rid FROM contact WHERE company_id = ?1",
                                      company_id, error);
}

static gboolean
refresh_contact_rows (KontorStore  *self,
                      GArray       *rowids,
                      GError      **error)
{
  const KontorEntityInfo *contact_info = _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT);

  for (guint i = 0; i < rowids->len; i++)
    {
      if (!_kontor_store_refresh_row (self, contact_info, g_array_index (rowids, gint64, i), error))
        return FALSE;
    }

  return TRUE;
}

/* The contacts of a renamed company show, sort and are found by the new
 * name: refresh their sort keys and search documents. */
static gboolean
company_after_update (KontorStore   *self,
                      KontorRecord  *record,
                      GArray        *changed,
                      GError       **error)
{
  g_autoptr(GArray) rowids = NULL;
  gboolean renamed = FALSE;

  for (guint i = 0; i < changed->len; i++)
    renamed |= g_array_index (changed, guint, i) == KONTOR_COMPANY_FIELD_NAME;
  if (!renamed)
    return TRUE;

  rowids = company_contact_rowids (self, kontor_record_get_id (record), error);

  return rowids != NULL && refresh_contact_rows (self, rowids, error);
}

/* A deleted company's contacts lose it (ON DELETE SET NULL): they must no
 * longer sort or be found by its name. */
static GArray *
company_before_delete (KontorStore   *self,
                       KontorRecord  *stored,
                       GError       **error)
{
  if (!_kontor_store_forget_employments (self, stored, error) ||
      !_kontor_store_forget_activities (self, stored, error))
    return NULL;

  return company_contact_rowids (self, kontor_record_get_id (stored), error);
}

KontorEntityInfo _kontor_store_company_entity = {
  .get_type = kontor_company_get_type,
  .table = "company",
  .outbox = TRUE,
  .channel_table = "company_channel",
  .link_table = "company_link",
  .sort_columns = { "sort_name", "sort_number" },
  .sort_texts = company_sort_texts,
  .check = company_check,
  .after_update = company_after_update,
  .before_delete = company_before_delete,
  .after_delete = refresh_contact_rows,
};

/**
 * kontor_store_find_company_by_name:
 * @self: a store
 * @name: a company name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the company called @name (case
 *   ignored), or %NULL without an error when there is none
 */
KontorCompany *
kontor_store_find_company_by_name (KontorStore  *self,
                                   const char   *name,
                                   GError      **error)
{
  g_autoptr(GPtrArray) companies = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  companies = _kontor_store_load_list (self, &_kontor_store_company_entity,
                                       "SELECT rid FROM company WHERE name = ?1 COLLATE NOCASE "
                                       "ORDER BY rid LIMIT 1",
                                       name, error);

  if (companies == NULL || companies->len == 0)
    return NULL;

  return g_object_ref (g_ptr_array_index (companies, 0));
}
