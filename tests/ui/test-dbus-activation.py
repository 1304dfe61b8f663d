#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-dbus-activation.py KONTOR SCHEMA_DIR MAKE_REMINDER_DB SERVICE_TEMPLATE
#
# GNOME Shell's way with a reminder's buttons (src/README.md "Reminders"),
# on a session bus of the test's own whose service folder
# ($XDG_DATA_HOME/dbus-1/services) holds data/io.github.kontor.Kontor.service.in
# made for this build's kontor:
#
#  1. This script owns org.gtk.Notifications, the name GNOME Shell owns,
#     so GLib sends Kontor's notifications here (AddNotification) as it
#     sends them to the Shell. `kontor --background` on a database whose
#     tasks "Call back Anna", "Send the offer" and "Plan the visit" are
#     due sends one for each; then it is quit (app.quit over the bus)
#     and its process ends, while the notifications stay, as they stay in
#     the Shell.
#  2. "Done" of the first, as the Shell does it: the button's action and
#     target, as Kontor sent them, called as
#     org.freedesktop.Application.ActivateAction on Kontor's name, with
#     no Kontor running. The bus starts `kontor --gapplication-service`
#     from the service file; the task is done in the database, and the
#     process ends by itself afterwards.
#  3. "Snooze an Hour" of the second the same way: its reminder is an
#     hour later in the database, the task still open, and the process
#     stays in the background for it (as `kontor --background` does). Its
#     "Done" then goes to that process, and with nothing left to come it
#     ends by itself.
#  4. A click on the third ("Plan the visit"), its default action
#     app.reminder-open, the same way: a window, with the task's dialog.
#  5. org.freedesktop.Application.Activate (a start from the desktop file
#     with DBusActivatable=true) starts it again with a window on the
#     default database; app.quit ends it.
#  6. The desktop entry's action "New Contact" (app.new-contact by
#     ActivateAction, as the Shell calls it) starts it with the window and
#     the new contact's dialog.
#  7. Its action "Today" (app.today) starts it on the Today page.
#
# Without gi, dbus-run-session, xdotool or an X display it exits 77
# (skipped) with a message, unless CI=true: then a missing piece is a
# failure.

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

APP_ID = 'io.github.kontor.Kontor'
APP_PATH = '/io/github/kontor/Kontor'
SYSTEM_PYTHON = '/usr/bin/python3'
# Bounds for waiting; never a measure of speed.
WAIT_SECONDS = 90

SHELL_XML = '''
<node>
  <interface name="org.gtk.Notifications">
    <method name="AddNotification">
      <arg type="s" direction="in"/>
      <arg type="s" direction="in"/>
      <arg type="a{sv}" direction="in"/>
    </method>
    <method name="RemoveNotification">
      <arg type="s" direction="in"/>
      <arg type="s" direction="in"/>
    </method>
  </interface>
</node>
'''

step = 0


def unavailable(reason):
    if os.environ.get('CI') == 'true':
        print(f'not ok 1 - {reason} (CI=true: a missing piece is a failure)')
        sys.exit(1)
    print(f'1..0 # SKIP {reason}')
    sys.exit(77)


def fail(message):
    print(f'not ok {step + 1} - {message}', flush=True)
    sys.exit(1)


def ok(message):
    global step
    step += 1
    print(f'ok {step} - {message}', flush=True)


def ensure_gi():
    try:
        import gi  # noqa: F401
        return
    except ImportError:
        pass
    if (os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and
            os.access(SYSTEM_PYTHON, os.X_OK)):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    unavailable('gi is missing (python3-gi)')


def run_in_private_session(kontor, template):
    """This script again, under a session bus of its own whose service
    folder holds Kontor's service file for this build's kontor, with the
    user's folders in a temporary one: what the bus starts gets the bus's
    environment, this one."""
    tmp = tempfile.mkdtemp(prefix='kontor-dbus-')
    try:
        runtime = os.path.join(tmp, 'runtime')
        os.mkdir(runtime, 0o700)
        data = os.path.join(tmp, 'data')
        services = os.path.join(data, 'dbus-1', 'services')
        os.makedirs(services)
        if os.path.basename(kontor) != 'kontor':
            fail(f'{kontor} is not called kontor, what the service file starts')
        with open(template, encoding='utf-8') as f:
            service = f.read()
        service = (service.replace('@app_id@', APP_ID)
                   .replace('@bindir@', os.path.dirname(os.path.abspath(kontor))))
        with open(os.path.join(services, APP_ID + '.service'), 'w', encoding='utf-8') as f:
            f.write(service)
        env = dict(os.environ, KONTOR_DBUS_TMP=tmp, XDG_RUNTIME_DIR=runtime,
                   XDG_DATA_HOME=data,
                   XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
                   XDG_CACHE_HOME=os.path.join(tmp, 'cache'),
                   XDG_STATE_HOME=os.path.join(tmp, 'state'),
                   # a keyfile rather than the memory backend, for step 7
                   GSETTINGS_BACKEND='keyfile')
        env.pop('DBUS_SESSION_BUS_ADDRESS', None)
        env.pop('DBUS_STARTER_ADDRESS', None)
        env.pop('DBUS_STARTER_BUS_TYPE', None)
        return subprocess.call(['dbus-run-session', '--', sys.executable] + sys.argv, env=env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class Shell:
    """The owner of org.gtk.Notifications: keeps what Kontor sends it,
    and answers a button as GNOME Shell does, over the bus."""

    def __init__(self):
        from gi.repository import Gio, GLib

        self.Gio, self.GLib = Gio, GLib
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        self.notifications = {}     # id → a{sv} as sent
        node = Gio.DBusNodeInfo.new_for_xml(SHELL_XML)
        self.bus.register_object('/org/gtk/Notifications', node.interfaces[0],
                                 self.on_call, None, None)
        reply = self.call('org.freedesktop.DBus', '/org/freedesktop/DBus',
                          'org.freedesktop.DBus', 'RequestName',
                          GLib.Variant('(su)', ('org.gtk.Notifications', 4)))
        if reply.unpack()[0] != 1:  # DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
            fail('org.gtk.Notifications could not be owned')

    def on_call(self, connection, sender, path, interface, method, parameters, invocation):
        app_id = parameters.get_child_value(0).get_string()
        notification_id = parameters.get_child_value(1).get_string()
        if app_id == APP_ID and method == 'AddNotification':
            self.notifications[notification_id] = parameters.get_child_value(2)
        elif app_id == APP_ID and method == 'RemoveNotification':
            self.notifications.pop(notification_id, None)
        invocation.return_value(None)

    def iterate(self):
        context = self.GLib.MainContext.default()
        while context.pending():
            context.iteration(False)

    def wait_for(self, what, predicate):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            self.iterate()
            try:
                result = predicate()
            except Exception:
                result = None
            if result:
                return result
            self.GLib.MainContext.default().iteration(False)
            time.sleep(0.1)
        fail(f'{what} did not happen')

    def call(self, name, path, interface, method, parameters, auto_start=False):
        """A method call, this script answering calls meanwhile (Kontor
        calls here while it handles it)"""
        result = []
        flags = (self.Gio.DBusCallFlags.NONE if auto_start
                 else self.Gio.DBusCallFlags.NO_AUTO_START)

        def done(connection, res):
            try:
                result.append(connection.call_finish(res))
            except self.GLib.Error as error:
                result.append(error)

        self.bus.call(name, path, interface, method, parameters, None, flags,
                      WAIT_SECONDS * 1000, None, done)
        context = self.GLib.MainContext.default()
        while not result:
            context.iteration(True)
        if isinstance(result[0], self.GLib.Error):
            fail(f'{interface}.{method} on {name}: {result[0].message}')
        return result[0]

    def kontor_pid(self):
        """The process owning Kontor's name, or None"""
        if not self.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                         'NameHasOwner', self.GLib.Variant('(s)', (APP_ID,))).unpack()[0]:
            return None
        try:
            return self.bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                      'org.freedesktop.DBus', 'GetConnectionUnixProcessID',
                                      self.GLib.Variant('(s)', (APP_ID,)), None,
                                      self.Gio.DBusCallFlags.NO_AUTO_START, -1,
                                      None).unpack()[0]
        except self.GLib.Error:
            return None     # gone in between

    def notification_of(self, task_id):
        """What Kontor sent for the reminder of task @task_id, or None"""
        for notification in self.notifications.values():
            target = notification.lookup_value('default-action-target', None)
            if target is not None and target.unpack()[1] == task_id:
                return notification
        return None

    def click(self, notification, label):
        """The button @label, as GNOME Shell activates it: the action's
        name without "app.", the target as sent, on Kontor's name, which
        the bus starts when nobody has it"""
        buttons = notification.lookup_value('buttons', None)
        for i in range(buttons.n_children()):
            button = buttons.get_child_value(i)
            if button.lookup_value('label', None).get_string() == label:
                action = button.lookup_value('action', None).get_string()
                if not action.startswith('app.'):
                    fail(f'the button “{label}” has the action {action}')
                target = button.lookup_value('target', None)
                self.activate_action(action[len('app.'):], [target] if target else [])
                return
        fail(f'no button “{label}”')

    def activate_action(self, name, targets):
        GLib = self.GLib
        self.call(APP_ID, APP_PATH, 'org.freedesktop.Application', 'ActivateAction',
                  GLib.Variant.new_tuple(GLib.Variant('s', name),
                                         GLib.Variant.new_array(GLib.VariantType('v'),
                                                                [GLib.Variant('v', t)
                                                                 for t in targets]),
                                         GLib.Variant('a{sv}', {})),
                  auto_start=True)


def query(db, sql, *args):
    connection = sqlite3.connect(db, timeout=30)
    try:
        return connection.execute(sql, args).fetchone()
    finally:
        connection.close()


def process_gone(pid):
    """@pid ended (or is a zombie waiting for the bus to collect it)"""
    try:
        with open(f'/proc/{pid}/stat', encoding='utf-8') as f:
            return f.read().rsplit(')', 1)[1].split()[0] == 'Z'
    except FileNotFoundError:
        return True


def command_line(pid):
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as f:
            return f.read().decode(errors='replace').split('\0')
    except FileNotFoundError:
        return []


def settings_file():
    """The keyfile the settings backend of the test's session writes"""
    path = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except FileNotFoundError:
        return ''


def visible_windows(pid):
    result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(pid)],
                            capture_output=True, text=True)
    return result.stdout.split()


def started_by_bus(shell, what):
    """The pid of the kontor the bus started for @what; None when it
    already ended (its command line is checked while it runs)"""
    pid = shell.kontor_pid()
    if pid is not None:
        arguments = command_line(pid)
        if arguments and '--gapplication-service' not in arguments:
            fail(f'{what}: the process is “{" ".join(arguments)}”, not the service file’s')
    return pid


def ends_by_itself(shell, pid, what):
    shell.wait_for(f'{what}: Kontor ending by itself',
                   lambda: shell.kontor_pid() is None and (pid is None or process_gone(pid)))


def run_test(kontor, make_db):
    import gettext

    tmp = os.environ['KONTOR_DBUS_TMP']
    texts = gettext.translation('kontor', os.environ.get('KONTOR_LOCALEDIR'),
                                languages=[os.environ.get('LANGUAGE', 'en').split(':')[0]],
                                fallback=True)
    shell = Shell()
    db = os.path.join(tmp, 'k.db')
    ids = subprocess.run([make_db, db, 'Call back Anna', '-5', 'Send the offer', '-5',
                          'Plan the visit', '-5'],
                         check=True, capture_output=True, text=True).stdout.split()
    anna, offer, visit = ids

    # 1. the notifications sent to the Shell, then the process quit
    if shell.kontor_pid() is not None:
        fail('Kontor has the bus name before the test started it')
    background = subprocess.Popen([kontor, '--background', '--database', db])
    try:
        shell.wait_for('the reminders at the Shell',
                       lambda: all(shell.notification_of(task) for task in ids))
        shell.wait_for('kontor --background on the bus', lambda: shell.kontor_pid())
        shell.activate_action('quit', [])
        shell.wait_for('kontor --background ending after app.quit',
                       lambda: background.poll() is not None)
    finally:
        if background.poll() is None:
            background.terminate()
            background.wait()
    if background.returncode != 0:
        fail(f'kontor --background exited with status {background.returncode}')
    if shell.kontor_pid() is not None:
        fail('Kontor’s name still has an owner after it quit')
    if query(db, 'SELECT done FROM activity WHERE id = ?', anna)[0] != 0:
        fail('the task is done before its button was pressed')
    ok('the reminders are sent to org.gtk.Notifications, and stay there after Kontor quit')

    # 2. "Done", with no Kontor running
    shell.click(shell.notification_of(anna), texts.gettext('Done'))
    pid = started_by_bus(shell, 'Done')
    shell.wait_for('the task done in the database',
                   lambda: query(db, 'SELECT done FROM activity WHERE id = ?', anna)[0] == 1)
    if pid is not None and visible_windows(pid):
        fail('Kontor started for “Done” showed a window')
    ends_by_itself(shell, pid, 'Done')
    if query(db, 'SELECT done FROM activity WHERE id = ?', offer)[0] != 0:
        fail('the other task is done, too')
    ok('the bus starts Kontor for “Done”, the task is done, and Kontor ends by itself')

    # 3. "Snooze an Hour", with no Kontor running: the reminder comes again
    # in an hour, and Kontor stays in the background to show it then (as
    # `kontor --background` does); "Done" goes to that same process, and
    # with nothing left to come it ends by itself
    clicked = int(time.time())
    shell.click(shell.notification_of(offer), texts.gettext('Snooze an Hour'))
    pid = started_by_bus(shell, 'Snooze an Hour')
    shell.wait_for('the reminder an hour later in the database',
                   lambda: query(db, 'SELECT remind_at FROM activity WHERE id = ?',
                                 offer)[0] >= clicked + 3600 - 60)
    if query(db, 'SELECT done FROM activity WHERE id = ?', offer)[0] != 0:
        fail('the snoozed task is done')
    if pid is None or shell.kontor_pid() != pid:
        fail('Kontor ended with a reminder to come')
    if visible_windows(pid):
        fail('Kontor started for “Snooze an Hour” showed a window')
    ok('the bus starts Kontor for “Snooze an Hour”, the reminder is an hour later, '
       'and Kontor stays for it')
    shell.click(shell.notification_of(offer), texts.gettext('Done'))
    if shell.kontor_pid() not in (pid, None):
        fail('“Done” started another Kontor')
    shell.wait_for('the snoozed task done in the database',
                   lambda: query(db, 'SELECT done FROM activity WHERE id = ?', offer)[0] == 1)
    ends_by_itself(shell, pid, 'Done after Snooze')
    ok('“Done” goes to the Kontor that waits for the snoozed reminder, and it ends by itself')

    # 4. a click on the notification, its default action "Open": the
    # window, the task's dialog over it
    notification = shell.notification_of(visit)
    action = notification.lookup_value('default-action', None).get_string()
    if action != 'app.reminder-open':
        fail(f'the notification’s default action is {action}')
    shell.activate_action('reminder-open',
                          [notification.lookup_value('default-action-target', None)])
    pid = started_by_bus(shell, 'Open')
    if pid is None:
        fail('Kontor started for “Open” ended without a window')
    shell.wait_for('the window and the task’s dialog after “Open”',
                   lambda: len(visible_windows(pid)) == 2)
    shell.activate_action('quit', [])
    ends_by_itself(shell, pid, 'Open')
    ok('the bus starts Kontor for the notification’s “Open”: a window, with the task')

    # 5. Activate: a start from the desktop file, a window on the default
    # database ($XDG_DATA_HOME, the test's own)
    shell.call(APP_ID, APP_PATH, 'org.freedesktop.Application', 'Activate',
               shell.GLib.Variant('(a{sv})', ({},)), auto_start=True)
    pid = shell.wait_for('Kontor on the bus after Activate', lambda: shell.kontor_pid())
    if '--gapplication-service' not in command_line(pid):
        fail(f'Activate: the process is “{" ".join(command_line(pid))}”')
    shell.wait_for('a window after Activate', lambda: visible_windows(pid))
    if not os.path.exists(os.path.join(os.environ['XDG_DATA_HOME'], 'kontor', 'kontor.db')):
        fail('Activate did not open the default database')
    shell.activate_action('quit', [])
    ends_by_itself(shell, pid, 'Activate')
    ok('Activate starts Kontor with a window on the default database; app.quit ends it')

    # 6. the desktop entry's action "New Contact", as GNOME Shell calls it
    # (ActivateAction, DBusActivatable=true), with no Kontor running: the
    # window on the default database, the new contact's dialog over it
    shell.activate_action('new-contact', [])
    pid = started_by_bus(shell, 'New Contact')
    if pid is None:
        fail('Kontor started for “New Contact” ended without a window')
    shell.wait_for('the window and the new contact’s dialog after “New Contact”',
                   lambda: len(visible_windows(pid)) == 2)
    shell.activate_action('quit', [])
    ends_by_itself(shell, pid, 'New Contact')
    ok('the desktop entry’s “New Contact” starts Kontor with the new contact’s dialog')

    # 7. its action "Today", the same way: the window, and the Today page
    # chosen (the section is kept in the settings, which the test's
    # keyfile backend writes to $XDG_CONFIG_HOME)
    shell.activate_action('today', [])
    pid = started_by_bus(shell, 'Today')
    if pid is None:
        fail('Kontor started for “Today” ended without a window')
    shell.wait_for('a window after “Today”', lambda: len(visible_windows(pid)) == 1)
    shell.wait_for('the Today page chosen after “Today”',
                   lambda: "workspace-section='today'" in settings_file())
    shell.activate_action('quit', [])
    ends_by_itself(shell, pid, 'Today')
    ok('the desktop entry’s “Today” starts Kontor on the Today page')
    print(f'1..{step}')
    return 0


def main():
    if len(sys.argv) != 5:
        print(f'usage: {sys.argv[0]} KONTOR SCHEMA_DIR MAKE_REMINDER_DB SERVICE_TEMPLATE',
              file=sys.stderr)
        return 2
    kontor, schemas, make_db, template = sys.argv[1:]
    os.environ['GSETTINGS_SCHEMA_DIR'] = schemas

    ensure_gi()
    if not os.environ.get('DISPLAY'):
        unavailable('no X display')
    for tool in ('xdotool', 'dbus-run-session'):
        if shutil.which(tool) is None:
            unavailable(f'{tool} is missing')
    if 'KONTOR_DBUS_TMP' not in os.environ:
        return run_in_private_session(kontor, template)
    return run_test(kontor, make_db)


if __name__ == '__main__':
    sys.exit(main())
