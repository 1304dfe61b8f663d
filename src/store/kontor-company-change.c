/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-company-change"

#include "config.h"

#include "kontor-company-change.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-store-employment.h"

/**
 * KontorCompanyChange:
 *
 * "Firmenwechsel" (feature C3, src/README.md "Employer history"): a contact moves to
 * another company with a new job title, and where it worked before stays
 * as a #KontorEmployment (the company, the job title then, from the end of
 * the employment before, if any, to today). One transaction with outbox
 * entries for both records; undo deletes the employment (a tombstone
 * tells the other machines) and puts the contact back, in one transaction
 * too. A company typed that nobody has yet is created with the change and
 * stays when it is undone.
 */
struct _KontorCompanyChange
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  char            *contact_id;
  char            *company_id;
  KontorCompany   *new_company;
  char            *job_title;

  /* what apply replaced, for undo */
  char            *old_company_id;
  char            *old_job_title;
  char            *employment_id;
};

G_DEFINE_FINAL_TYPE (KontorCompanyChange, kontor_company_change, KONTOR_TYPE_OPERATION)

static KontorContact *
load_contact (KontorCompanyChange  *self,
              GError              **error)
{
  return kontor_store_load (self->store, KONTOR_TYPE_CONTACT, self->contact_id, error);
}

/* The day the employment before this one ended, if any: when this one began */
static char *
dup_last_end (KontorStore  *store,
              const char   *contact_id,
              GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (store,
                                              "SELECT max(ended_on) FROM employment "
                                              "WHERE contact_id = ?1",
                                              error);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contact_id, -1, SQLITE_TRANSIENT);
  _kontor_store_step_one (store, stmt, NULL, &text, error);

  return text;
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * _kontor_store_save_former_employment:
 * @store: a store, in a transaction
 * @contact_id: the contact leaving @company_id
 * @company_id: where it worked until today
 * @job_title: (nullable): its job title there
 * @employment_id: (out) (transfer full): the new employment's id
 * @error: return location for a #GError
 *
 * Where a contact worked before a company change (feature C3, src/README.md
 * "Employer history"): from the end of its last employment, if any, to
 * today. The company change and an import's update both call it.
 *
 * Returns: %TRUE when stored
 */
gboolean
_kontor_store_save_former_employment (KontorStore  *store,
                                      const char   *contact_id,
                                      const char   *company_id,
                                      const char   *job_title,
                                      char        **employment_id,
                                      GError      **error)
{
  g_autoptr(KontorEmployment) employment = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *started = dup_last_end (store, contact_id, &local_error);
  g_autofree char *today = dup_today ();
  gboolean changed;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  employment = kontor_employment_new (contact_id, company_id);
  kontor_employment_set_job_title (employment, job_title);
  kontor_employment_set_started_on (employment, started);
  kontor_employment_set_ended_on (employment, today);
  if (!_kontor_store_save_record (store, KONTOR_RECORD (employment), &changed, error))
    return FALSE;
  *employment_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (employment)));

  return TRUE;
}

static gboolean
apply_in_transaction (KontorCompanyChange  *self,
                      GError              **error)
{
  g_autoptr(KontorContact) contact = load_contact (self, error);
  gboolean changed;

  if (contact == NULL ||
      (self->new_company != NULL &&
       !_kontor_store_save_record (self->store, KONTOR_RECORD (self->new_company), &changed,
                                   error)))
    return FALSE;

  /* a new company has its id once it is stored */
  if (self->new_company != NULL)
    {
      g_free (self->company_id);
      self->company_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (self->new_company)));
    }

  if (!kontor_contact_check_company_change (contact, self->company_id, error))
    return FALSE;

  g_clear_pointer (&self->old_company_id, g_free);
  g_clear_pointer (&self->old_job_title, g_free);
  g_clear_pointer (&self->employment_id, g_free);
  self->old_company_id = g_strdup (kontor_contact_get_company_id (contact));
  self->old_job_title = g_strdup (kontor_contact_get_job_title (contact));

  /* the former employment, when there was a company */
  if (self->old_company_id != NULL &&
      !_kontor_store_save_former_employment (self->store, self->contact_id,
                                             self->old_company_id, self->old_job_title,
                                             &self->employment_id, error))
    return FALSE;

  kontor_contact_set_company_id (contact, self->company_id);
  /* the name shown is the company's: not one to resolve */
  kontor_contact_set_company_name (contact, NULL);
  kontor_contact_set_job_title (contact, self->job_title);

  return _kontor_store_save_record (self->store, KONTOR_RECORD (contact), &changed, error);
}

static gboolean
kontor_company_change_apply (KontorOperation  *operation,
                             GError          **error)
{
  KontorCompanyChange *self = KONTOR_COMPANY_CHANGE (operation);

  if (!_kontor_store_begin (self->store, error) ||
      !_kontor_store_end (self->store, apply_in_transaction (self, error), error))
    return FALSE;

  /* stored now, and the company's own from here on: a redo must not
   * write this copy over what was changed meanwhile */
  g_clear_object (&self->new_company);

  return TRUE;
}

static gboolean
undo_in_transaction (KontorCompanyChange  *self,
                     GError              **error)
{
  g_autoptr(KontorContact) contact = NULL;
  gboolean changed;

  if (self->employment_id != NULL)
    {
      g_autoptr(KontorRecord) employment = kontor_store_load (self->store, KONTOR_TYPE_EMPLOYMENT,
                                                              self->employment_id, error);

      if (employment == NULL ||
          !_kontor_store_delete_record (self->store, employment, error))
        return FALSE;
    }

  contact = load_contact (self, error);
  if (contact == NULL)
    return FALSE;
  kontor_contact_set_company_id (contact, self->old_company_id);
  kontor_contact_set_company_name (contact, NULL);
  kontor_contact_set_job_title (contact, self->old_job_title);

  return _kontor_store_save_record (self->store, KONTOR_RECORD (contact), &changed, error);
}

static gboolean
kontor_company_change_undo (KontorOperation  *operation,
                            GError          **error)
{
  KontorCompanyChange *self = KONTOR_COMPANY_CHANGE (operation);

  if (!_kontor_store_begin (self->store, error))
    return FALSE;

  if (!_kontor_store_end (self->store, undo_in_transaction (self, error), error))
    return FALSE;

  g_clear_pointer (&self->employment_id, g_free);

  return TRUE;
}

static void
kontor_company_change_finalize (GObject *object)
{
  KontorCompanyChange *self = KONTOR_COMPANY_CHANGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->new_company);
  g_free (self->contact_id);
  g_free (self->company_id);
  g_free (self->job_title);
  g_free (self->old_company_id);
  g_free (self->old_job_title);
  g_free (self->employment_id);

  G_OBJECT_CLASS (kontor_company_change_parent_class)->finalize (object);
}

static void
kontor_company_change_class_init (KontorCompanyChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_company_change_finalize;
  operation_class->apply = kontor_company_change_apply;
  operation_class->undo = kontor_company_change_undo;
}

static void
kontor_company_change_init (KontorCompanyChange *self)
{
}

/**
 * kontor_company_change_new:
 * @store: the store
 * @contact: a stored contact (only its id is used)
 * @company_id: (nullable): the stored company it moves to
 * @new_company: (nullable): or a new company, stored with the change
 * @job_title: (nullable): the job title at the new company
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): the change, to apply
 */
KontorCompanyChange *
kontor_company_change_new (KontorStore   *store,
                           KontorContact *contact,
                           const char    *company_id,
                           KontorCompany *new_company,
                           const char    *job_title,
                           const char    *title)
{
  KontorCompanyChange *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), NULL);
  g_return_val_if_fail (kontor_record_get_id (KONTOR_RECORD (contact)) != NULL, NULL);
  g_return_val_if_fail (new_company == NULL || KONTOR_IS_COMPANY (new_company), NULL);

  self = g_object_new (KONTOR_TYPE_COMPANY_CHANGE, "title", title, NULL);
  self->store = g_object_ref (store);
  self->contact_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (contact)));
  self->company_id = g_strdup (company_id);
  self->new_company = new_company != NULL ? g_object_ref (new_company) : NULL;
  self->job_title = job_title != NULL && *job_title != '\0' ? g_strdup (job_title) : NULL;

  return self;
}

/**
 * kontor_company_change_get_employment_id:
 * @self: a change
 *
 * Returns: (nullable): the id of the former employment the applied change
 *   recorded, %NULL when the contact had no company or it is undone
 */
const char *
kontor_company_change_get_employment_id (KontorCompanyChange *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANY_CHANGE (self), NULL);

  return self->employment_id;
}
