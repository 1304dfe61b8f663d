/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-operation-stack"

#include "config.h"

#include "kontor-error.h"
#include "kontor-operation-stack.h"

/* The undo stack without a store: operations that add to a number, some
 * made to fail, run, undone and redone; what the stack notifies and emits
 * is counted. */

/* ------------------------------------------------------------------------ */
/* An operation that adds @amount to a number, or fails when told to */

#define TEST_TYPE_ADDITION (test_addition_get_type ())
G_DECLARE_FINAL_TYPE (TestAddition, test_addition, TEST, ADDITION, KontorOperation)

struct _TestAddition
{
  KontorOperation  parent_instance;

  int             *number;
  int              amount;
  gboolean         fail_apply;
  gboolean         fail_undo;
};

G_DEFINE_FINAL_TYPE (TestAddition, test_addition, KONTOR_TYPE_OPERATION)

static gboolean
test_addition_apply (KontorOperation  *operation,
                     GError          **error)
{
  TestAddition *self = TEST_ADDITION (operation);

  if (self->fail_apply)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "apply refused");
      return FALSE;
    }
  *self->number += self->amount;

  return TRUE;
}

static gboolean
test_addition_undo (KontorOperation  *operation,
                    GError          **error)
{
  TestAddition *self = TEST_ADDITION (operation);

  if (self->fail_undo)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "undo refused");
      return FALSE;
    }
  *self->number -= self->amount;

  return TRUE;
}

static void
test_addition_class_init (TestAdditionClass *klass)
{
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  operation_class->apply = test_addition_apply;
  operation_class->undo = test_addition_undo;
}

static void
test_addition_init (TestAddition *self)
{
}

static KontorOperation *
addition_new (int *number,
              int  amount)
{
  TestAddition *self = g_object_new (TEST_TYPE_ADDITION, "title", "add", NULL);

  self->number = number;
  self->amount = amount;

  return KONTOR_OPERATION (self);
}

/* ------------------------------------------------------------------------ */
/* A long addition: applied and undone asynchronously, finished (or made to
 * fail) when the test says, as a store job ends */

#define TEST_TYPE_LONG (test_long_get_type ())
G_DECLARE_FINAL_TYPE (TestLong, test_long, TEST, LONG, KontorOperation)

struct _TestLong
{
  KontorOperation  parent_instance;

  int             *number;
  int              amount;
  GTask           *pending;
};

G_DEFINE_FINAL_TYPE (TestLong, test_long, KONTOR_TYPE_OPERATION)

static gboolean
test_long_apply (KontorOperation  *operation,
                 GError          **error)
{
  TestLong *self = TEST_LONG (operation);

  *self->number += self->amount;

  return TRUE;
}

static gboolean
test_long_undo (KontorOperation  *operation,
                GError          **error)
{
  TestLong *self = TEST_LONG (operation);

  *self->number -= self->amount;

  return TRUE;
}

static void
test_long_run_async (KontorOperation     *operation,
                     gboolean             apply,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  TestLong *self = TEST_LONG (operation);

  g_assert_null (self->pending);
  self->pending = g_task_new (self, NULL, callback, user_data);
  g_task_set_task_data (self->pending, GINT_TO_POINTER (apply), NULL);
}

static gboolean
test_long_run_finish (KontorOperation  *operation,
                      GAsyncResult     *result,
                      GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_long_class_init (TestLongClass *klass)
{
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  operation_class->apply = test_long_apply;
  operation_class->undo = test_long_undo;
  operation_class->run_async = test_long_run_async;
  operation_class->run_finish = test_long_run_finish;
}

static void
test_long_init (TestLong *self)
{
}

/* Ends the pending run: the change made, or nothing (rolled back) */
static void
long_end (TestLong *self,
          gboolean  ok)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->pending);
  gboolean apply = GPOINTER_TO_INT (g_task_get_task_data (task));

  g_assert_nonnull (task);
  if (!ok)
    {
      g_task_return_new_error (task, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FULL, "disk full");
      return;
    }
  *self->number += apply ? self->amount : -self->amount;
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* What the stack tells */

typedef struct
{
  KontorOperationStack *stack;
  int                   number;
  guint                 can_undo_notifies;
  guint                 can_redo_notifies;
  GPtrArray            *applied;   /* KontorOperation, as emitted */
  GPtrArray            *undone;
} Fixture;

static void
on_notify_cb (KontorOperationStack *stack,
              GParamSpec           *pspec,
              Fixture              *fixture)
{
  if (g_str_equal (pspec->name, "can-undo"))
    fixture->can_undo_notifies++;
  else if (g_str_equal (pspec->name, "can-redo"))
    fixture->can_redo_notifies++;
}

static void
on_applied_cb (KontorOperationStack *stack,
               KontorOperation      *operation,
               Fixture              *fixture)
{
  g_ptr_array_add (fixture->applied, g_object_ref (operation));
}

static void
on_undone_cb (KontorOperationStack *stack,
              KontorOperation      *operation,
              Fixture              *fixture)
{
  g_ptr_array_add (fixture->undone, g_object_ref (operation));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->stack = kontor_operation_stack_new (GPOINTER_TO_UINT (data) > 0
                                               ? GPOINTER_TO_UINT (data)
                                               : KONTOR_OPERATION_STACK_DEFAULT_DEPTH);
  fixture->applied = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->undone = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (fixture->stack, "notify", G_CALLBACK (on_notify_cb), fixture);
  g_signal_connect (fixture->stack, "applied", G_CALLBACK (on_applied_cb), fixture);
  g_signal_connect (fixture->stack, "undone", G_CALLBACK (on_undone_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->stack);
  g_ptr_array_unref (fixture->applied);
  g_ptr_array_unref (fixture->undone);
}

static void
run_ok (Fixture         *fixture,
        KontorOperation *operation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_operation_stack_run (fixture->stack, operation, &error));
  g_assert_no_error (error);
}

static void
undo_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_operation_stack_undo (fixture->stack, &error));
  g_assert_no_error (error);
}

static void
redo_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_operation_stack_redo (fixture->stack, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* Tests */

static void
test_run_undo_redo (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorOperation) add = addition_new (&fixture->number, 5);

  g_assert_false (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));

  run_ok (fixture, add);
  g_assert_cmpint (fixture->number, ==, 5);
  g_assert_true (kontor_operation_is_applied (add));
  g_assert_true (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_cmpuint (fixture->applied->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->applied, 0) == add);

  undo_ok (fixture);
  g_assert_cmpint (fixture->number, ==, 0);
  g_assert_false (kontor_operation_is_applied (add));
  g_assert_false (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_true (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_cmpuint (fixture->undone->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->undone, 0) == add);

  /* redo is "applied" again, and can be undone again */
  redo_ok (fixture);
  g_assert_cmpint (fixture->number, ==, 5);
  g_assert_true (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_cmpuint (fixture->applied->len, ==, 2);
  g_assert_true (g_ptr_array_index (fixture->applied, 1) == add);

  undo_ok (fixture);
  g_assert_cmpint (fixture->number, ==, 0);
  g_assert_cmpuint (fixture->undone->len, ==, 2);
}

static void
test_undo_order (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KontorOperation) one = addition_new (&fixture->number, 1);
  g_autoptr(KontorOperation) ten = addition_new (&fixture->number, 10);

  run_ok (fixture, one);
  run_ok (fixture, ten);
  g_assert_cmpint (fixture->number, ==, 11);

  /* newest first, and redone in the order they were undone, reversed */
  undo_ok (fixture);
  g_assert_true (g_ptr_array_index (fixture->undone, 0) == ten);
  undo_ok (fixture);
  g_assert_true (g_ptr_array_index (fixture->undone, 1) == one);
  g_assert_cmpint (fixture->number, ==, 0);

  redo_ok (fixture);
  g_assert_cmpint (fixture->number, ==, 1);
  redo_ok (fixture);
  g_assert_cmpint (fixture->number, ==, 11);
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
}

static void
test_run_clears_redo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorOperation) one = addition_new (&fixture->number, 1);
  g_autoptr(KontorOperation) ten = addition_new (&fixture->number, 10);

  run_ok (fixture, one);
  undo_ok (fixture);
  g_assert_true (kontor_operation_stack_get_can_redo (fixture->stack));

  run_ok (fixture, ten);
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_cmpint (fixture->number, ==, 10);

  /* only the new one is left to undo */
  undo_ok (fixture);
  g_assert_false (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_cmpint (fixture->number, ==, 0);
}

static void
test_notifications (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorOperation) one = addition_new (&fixture->number, 1);
  g_autoptr(KontorOperation) two = addition_new (&fixture->number, 2);
  g_autoptr(KontorOperation) three = addition_new (&fixture->number, 3);

  /* false to true */
  run_ok (fixture, one);
  g_assert_cmpuint (fixture->can_undo_notifies, ==, 1);
  g_assert_cmpuint (fixture->can_redo_notifies, ==, 0);

  /* no change, no notification */
  run_ok (fixture, two);
  g_assert_cmpuint (fixture->can_undo_notifies, ==, 1);
  g_assert_cmpuint (fixture->can_redo_notifies, ==, 0);

  undo_ok (fixture);
  g_assert_cmpuint (fixture->can_undo_notifies, ==, 1);
  g_assert_cmpuint (fixture->can_redo_notifies, ==, 1);

  undo_ok (fixture);
  g_assert_cmpuint (fixture->can_undo_notifies, ==, 2);
  g_assert_cmpuint (fixture->can_redo_notifies, ==, 1);

  redo_ok (fixture);
  g_assert_cmpuint (fixture->can_undo_notifies, ==, 3);
  g_assert_cmpuint (fixture->can_redo_notifies, ==, 1);

  /* a new run ends redo */
  run_ok (fixture, three);
  g_assert_cmpuint (fixture->can_undo_notifies, ==, 3);
  g_assert_cmpuint (fixture->can_redo_notifies, ==, 2);
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
}

static void
test_depth (Fixture       *fixture,
            gconstpointer  data)
{
  guint depth = GPOINTER_TO_UINT (data);

  g_assert_cmpuint (kontor_operation_stack_get_depth (fixture->stack), ==, depth);

  /* one more than the stack keeps, each adding 1 */
  for (guint i = 0; i <= depth; i++)
    {
      g_autoptr(KontorOperation) add = addition_new (&fixture->number, 1);

      run_ok (fixture, add);
    }
  g_assert_cmpint (fixture->number, ==, depth + 1);

  for (guint i = 0; i < depth; i++)
    undo_ok (fixture);

  /* the oldest is out of reach, and stays applied */
  g_assert_false (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_cmpint (fixture->number, ==, 1);
}

static void
test_failing_apply (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorOperation) one = addition_new (&fixture->number, 1);
  g_autoptr(KontorOperation) bad = addition_new (&fixture->number, 100);
  g_autoptr(GError) error = NULL;

  run_ok (fixture, one);
  undo_ok (fixture);
  fixture->can_undo_notifies = fixture->can_redo_notifies = 0;
  g_ptr_array_set_size (fixture->applied, 0);

  TEST_ADDITION (bad)->fail_apply = TRUE;
  g_assert_false (kontor_operation_stack_run (fixture->stack, bad, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "apply refused");

  /* nothing kept, nothing lost, nothing said */
  g_assert_cmpint (fixture->number, ==, 0);
  g_assert_false (kontor_operation_is_applied (bad));
  g_assert_false (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_true (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_cmpuint (fixture->applied->len, ==, 0);
  g_assert_cmpuint (fixture->can_undo_notifies, ==, 0);
  g_assert_cmpuint (fixture->can_redo_notifies, ==, 0);

  redo_ok (fixture);
  g_assert_cmpint (fixture->number, ==, 1);
}

static void
test_failing_undo_and_redo (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KontorOperation) one = addition_new (&fixture->number, 1);
  g_autoptr(KontorOperation) ten = addition_new (&fixture->number, 10);
  g_autoptr(GError) error = NULL;

  run_ok (fixture, one);
  run_ok (fixture, ten);

  /* a failing undo drops the operation; the older one stays reachable */
  TEST_ADDITION (ten)->fail_undo = TRUE;
  g_assert_false (kontor_operation_stack_undo (fixture->stack, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (fixture->number, ==, 11);
  g_assert_cmpuint (fixture->undone->len, ==, 0);
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_true (kontor_operation_stack_get_can_undo (fixture->stack));

  undo_ok (fixture);
  g_assert_cmpint (fixture->number, ==, 10);

  /* a failing redo leaves nothing to redo */
  TEST_ADDITION (one)->fail_apply = TRUE;
  g_assert_false (kontor_operation_stack_redo (fixture->stack, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_false (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_cmpint (fixture->number, ==, 10);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Step;

static void
on_step_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Step *step = user_data;

  step->ok = kontor_operation_stack_step_finish (KONTOR_OPERATION_STACK (source_object), result,
                                                 &step->error);
  step->done = TRUE;
}

static void
wait_step (Step *step)
{
  while (!step->done)
    g_main_context_iteration (NULL, TRUE);
}

static TestLong *
long_new (int *number,
          int  amount)
{
  TestLong *self = g_object_new (TEST_TYPE_LONG, "title", "long", NULL);

  self->number = number;
  self->amount = amount;

  return self;
}

/* A long operation is undone and redone asynchronously; meanwhile the
 * stack refuses; a failure leaves it where it was */
static void
test_long_undo_redo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KontorOperation) small = addition_new (&fixture->number, 1);
  g_autoptr(KontorOperation) other = addition_new (&fixture->number, 100);
  g_autoptr(TestLong) big = long_new (&fixture->number, 5);
  g_autoptr(GError) error = NULL;
  int start = fixture->number;
  Step step = { 0, };

  run_ok (fixture, small);
  run_ok (fixture, KONTOR_OPERATION (big));
  g_assert_true (kontor_operation_is_long (KONTOR_OPERATION (big)));
  g_assert_false (kontor_operation_is_long (small));
  g_assert_cmpint (fixture->number, ==, start + 6);

  kontor_operation_stack_undo_async (fixture->stack, NULL, on_step_cb, &step);
  g_assert_true (kontor_operation_stack_get_running (fixture->stack) == KONTOR_OPERATION (big));
  g_assert_false (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_false (kontor_operation_stack_run (fixture->stack, other, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (fixture->number, ==, start + 6);

  /* fails: back on top, nothing undone */
  long_end (big, FALSE);
  wait_step (&step);
  g_assert_false (step.ok);
  g_assert_error (step.error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FULL);
  g_clear_error (&step.error);
  g_assert_null (kontor_operation_stack_get_running (fixture->stack));
  g_assert_true (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_cmpuint (fixture->undone->len, ==, 0);
  g_assert_cmpint (fixture->number, ==, start + 6);

  /* again, and it works */
  step = (Step) { 0, };
  kontor_operation_stack_undo_async (fixture->stack, NULL, on_step_cb, &step);
  long_end (big, TRUE);
  wait_step (&step);
  g_assert_true (step.ok);
  g_assert_cmpint (fixture->number, ==, start + 1);
  g_assert_cmpuint (fixture->undone->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->undone, 0) == big);
  g_assert_true (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_true (kontor_operation_stack_get_can_redo (fixture->stack));

  /* a redo that fails stays to be redone */
  step = (Step) { 0, };
  kontor_operation_stack_redo_async (fixture->stack, NULL, on_step_cb, &step);
  long_end (big, FALSE);
  wait_step (&step);
  g_assert_false (step.ok);
  g_clear_error (&step.error);
  g_assert_true (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_cmpint (fixture->number, ==, start + 1);

  step = (Step) { 0, };
  kontor_operation_stack_redo_async (fixture->stack, NULL, on_step_cb, &step);
  long_end (big, TRUE);
  wait_step (&step);
  g_assert_true (step.ok);
  g_assert_cmpint (fixture->number, ==, start + 6);
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));

  /* a short one through the same call: at once */
  undo_ok (fixture);   /* the long one, blocking */
  g_assert_cmpint (fixture->number, ==, start + 1);
  step = (Step) { 0, };
  kontor_operation_stack_undo_async (fixture->stack, NULL, on_step_cb, &step);
  g_assert_null (kontor_operation_stack_get_running (fixture->stack));
  g_assert_cmpint (fixture->number, ==, start);
  wait_step (&step);
  g_assert_true (step.ok);
}

/* A change added while a long operation runs (an import that finished)
 * stays the newest */
static void
test_long_added_meanwhile (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorOperation) other = addition_new (&fixture->number, 100);
  g_autoptr(TestLong) big = long_new (&fixture->number, 5);
  Step step = { 0, };

  run_ok (fixture, KONTOR_OPERATION (big));

  /* undone while another came: not kept for redo */
  kontor_operation_stack_undo_async (fixture->stack, NULL, on_step_cb, &step);
  g_assert_true (kontor_operation_apply (other, NULL));
  kontor_operation_stack_add_applied (fixture->stack, other);
  long_end (big, TRUE);
  wait_step (&step);
  g_assert_true (step.ok);
  g_assert_false (kontor_operation_stack_get_can_redo (fixture->stack));
  g_assert_true (kontor_operation_stack_get_can_undo (fixture->stack));
  undo_ok (fixture);
  g_assert_false (kontor_operation_stack_get_can_undo (fixture->stack));
  g_assert_false (kontor_operation_is_applied (other));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/operation-stack/" path, Fixture, GUINT_TO_POINTER (data), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("run-undo-redo", test_run_undo_redo, 0);
  ADD ("undo-order", test_undo_order, 0);
  ADD ("run-clears-redo", test_run_clears_redo, 0);
  ADD ("notifications", test_notifications, 0);
  ADD ("depth", test_depth, 3);
  ADD ("failing-apply", test_failing_apply, 0);
  ADD ("failing-undo-and-redo", test_failing_undo_and_redo, 0);
  ADD ("long-undo-redo", test_long_undo_redo, 0);
  ADD ("long-added-meanwhile", test_long_added_meanwhile, 0);

#undef ADD

  return g_test_run ();
}
