/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-demo"

#include "config.h"

#include "kontor-activity.h"
#include "kontor-contact.h"
#include "kontor-demo-fill.h"
#include "kontor-demo-private.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-store-lead.h"
#include "kontor-user.h"

/* The sample team's lead projects (src/README.md "Lead projects"): a
 * trade fair, a service contract and a small spare parts campaign in
 * Swiss francs, each with statuses of its own between "New" and won and
 * lost, 34 entries (fewer when the sample has fewer active contacts) with
 * values, probabilities, expected close dates and, for one open entry in
 * four, a follow-up. Stored through the store's own calls
 * (kontor_store_create_lead_project() makes the system statuses), after
 * the rest of the sample, from a random sequence of their own: the same
 * seed makes the same choices, and the sample built before does not
 * change. */

typedef struct
{
  const char *name;
  guint       probability;
} DemoStatus;

typedef struct
{
  const char *name;
  const char *product;
  const char *currency;
  guint       n_entries;
  gint64      min_cents;
  gint64      max_cents;
  DemoStatus  statuses[3];
} DemoProject;

static const DemoProject projects[] = {
  { "Messe Hannover 2027", "Standbesuch Halle 7, Vorführung der neuen Baureihe", "EUR", 16,
    500000, 6000000,
    { { "Kontaktiert", 20 }, { "Termin vereinbart", 40 }, { "Angebot", 60 } } },
  { "Wartungsvertrag Kühlsysteme", "Wartung und Notdienst für Kühlanlagen", "EUR", 12,
    240000, 2400000,
    { { "Bedarf ermittelt", 25 }, { "Angebot", 50 }, { "Verhandlung", 75 } } },
  { "Ersatzteilpaket Schweiz", "Ersatzteile mit Lieferung ab Basel", "CHF", 6,
    80000, 900000,
    { { "Angefragt", 30 }, { "Angebot", 60 }, { NULL, 0 } } },
};

static const char * const follow_up_notes[] = {
  "Nachfassen: Angebot besprochen?", "Rückruf wegen Budgetfreigabe",
  "Termin für Vorführung abstimmen", "Unterlagen nachreichen",
};

static const char * const internal_notes[] = {
  "Budget für Q2 freigegeben", "Entscheidet mit dem Einkauf zusammen",
  "Wettbewerber ebenfalls angefragt",
};

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

/* The project with its system statuses, then those of @spec between the
 * first and won and lost. Returns: (transfer full): its statuses in order */
static GPtrArray *
add_project (KontorStore        *store,
             const DemoProject  *spec,
             const char         *responsible,
             GError            **error)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new (spec->name);
  g_autoptr(GPtrArray) statuses = NULL;
  const char *users[] = { responsible, NULL };
  guint n_own = 0;

  kontor_lead_project_set_product (project, spec->product);
  kontor_lead_project_set_currency (project, spec->currency);
  kontor_lead_project_set_responsible (project, users);
  if (!kontor_store_create_lead_project (store, project, error))
    return NULL;

  while (n_own < G_N_ELEMENTS (spec->statuses) && spec->statuses[n_own].name != NULL)
    n_own++;

  statuses = kontor_store_list_lead_statuses (store, id_of (project), error);
  if (statuses == NULL)
    return NULL;
  /* lost, then won, to the end: room for the team's own after the first */
  for (guint i = statuses->len; i-- > 1;)
    {
      KontorLeadStatus *status = g_ptr_array_index (statuses, i);

      kontor_lead_status_set_position (status, n_own + i);
      if (!kontor_store_save (store, KONTOR_RECORD (status), error))
        return NULL;
    }
  for (guint i = 0; i < n_own; i++)
    {
      g_autoptr(KontorLeadStatus) status = kontor_lead_status_new (id_of (project),
                                                                   spec->statuses[i].name,
                                                                   i + 1);

      kontor_lead_status_set_probability (status, spec->statuses[i].probability);
      if (!kontor_store_save (store, KONTOR_RECORD (status), error))
        return NULL;
    }

  return kontor_store_list_lead_statuses (store, id_of (project), error);
}

static gboolean
add_entry (KontorStore       *store,
           GRand             *rand,
           const DemoProject *spec,
           GPtrArray         *statuses,
           KontorContact     *contact,
           const char        *fallback_user,
           GError           **error)
{
  /* most still open, a few won or lost already */
  guint n = statuses->len;
  guint pick = _kontor_demo_chance (rand, 85) ? _kontor_demo_pick_index (rand, n - 2)
                                              : n - 2 + _kontor_demo_pick_index (rand, 2);
  KontorLeadStatus *status = g_ptr_array_index (statuses, pick);
  KontorLeadStatusRole role = kontor_lead_status_get_role (status);
  const char * const *reps = kontor_contact_get_sales_reps (contact);
  g_autoptr(KontorLeadEntry) entry = NULL;
  gint64 steps = (spec->max_cents - spec->min_cents) / 5000;
  gint64 probability;
  char date[11];

  entry = kontor_lead_entry_new (kontor_lead_status_get_project_id (status), id_of (contact),
                                 id_of (status));
  kontor_lead_entry_set_assignee_id (entry, reps != NULL && reps[0] != NULL ? reps[0]
                                                                            : fallback_user);
  /* in steps of 50 */
  kontor_lead_entry_set_value_cents (entry, spec->min_cents +
                                            5000 * _kontor_demo_pick_index (rand, steps + 1));
  if (role == KONTOR_LEAD_STATUS_ROLE_WON)
    probability = 100;
  else if (role == KONTOR_LEAD_STATUS_ROLE_LOST)
    probability = 0;
  else if (kontor_lead_status_get_probability (status) >= 0)
    probability = kontor_lead_status_get_probability (status);
  else
    probability = 10;
  kontor_lead_entry_set_probability (entry, probability);
  _kontor_demo_format_date (date, _kontor_demo_skip_weekend (REFERENCE_JULIAN + 14 +
                                                             _kontor_demo_pick_index (rand, 170)));
  kontor_lead_entry_set_close_on (entry, date);
  if (_kontor_demo_chance (rand, 25))
    kontor_lead_entry_set_notes (entry, PICK (rand, internal_notes));
  if (!kontor_store_save (store, KONTOR_RECORD (entry), error))
    return FALSE;

  /* a follow-up for one open entry in four: some overdue, most ahead */
  if (role != KONTOR_LEAD_STATUS_ROLE_WON && role != KONTOR_LEAD_STATUS_ROLE_LOST &&
      _kontor_demo_chance (rand, 25))
    {
      g_autoptr(KontorActivity) follow_up = NULL;

      _kontor_demo_format_date (date, _kontor_demo_skip_weekend (REFERENCE_JULIAN - 5 +
                                                                 _kontor_demo_pick_index (rand, 30)));
      follow_up = kontor_activity_new_follow_up (entry, date, PICK (rand, follow_up_notes));
      kontor_activity_set_created_by (follow_up, kontor_lead_entry_get_assignee_id (entry));
      if (!kontor_store_save (store, KONTOR_RECORD (follow_up), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _kontor_demo_add_leads:
 * @store: the store the sample went into
 * @records: the sample's records, as kontor_demo_build() made them
 * @seed: the sample's seed
 * @error: return location for a #GError
 *
 * Adds the sample's lead projects and their entries.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_demo_add_leads (KontorStore  *store,
                        GPtrArray    *records,
                        guint32       seed,
                        GError      **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x1ead);
  g_autoptr(GPtrArray) active = g_ptr_array_new ();
  g_autoptr(GPtrArray) sellers = g_ptr_array_new ();

  for (guint i = 0; i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);

      if (KONTOR_IS_CONTACT (record) &&
          !kontor_contact_status_is_restricted (kontor_contact_get_status (KONTOR_CONTACT (record))))
        g_ptr_array_add (active, record);
      else if (KONTOR_IS_USER (record) &&
               kontor_user_role_can_sell (kontor_user_get_role (KONTOR_USER (record))))
        g_ptr_array_add (sellers, record);
    }
  if (sellers->len == 0 || active->len == 0)
    return TRUE;

  for (guint p = 0; p < G_N_ELEMENTS (projects); p++)
    {
      const char *responsible = id_of (g_ptr_array_index (sellers, p % sellers->len));
      g_autoptr(GPtrArray) statuses = add_project (store, &projects[p], responsible, error);
      guint n_entries = MIN (projects[p].n_entries, active->len);

      if (statuses == NULL)
        return FALSE;

      /* different contacts, each once in a project: the first n_entries
       * of a shuffle */
      for (guint i = 0; i < n_entries; i++)
        {
          guint j = i + _kontor_demo_pick_index (rand, active->len - i);
          gpointer swap = active->pdata[i];

          active->pdata[i] = active->pdata[j];
          active->pdata[j] = swap;
          if (!add_entry (store, rand, &projects[p], statuses, active->pdata[i], responsible,
                          error))
            return FALSE;
        }
    }

  return TRUE;
}
