#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-shell-search.py KONTOR SCHEMA_DIR MAKE_SEARCH_DB SERVICE_TEMPLATE PROVIDER_INI
#
# GNOME Shell's search in the Activities overview (feature G4,
# src/README.md "Shell search"), as the Shell calls it, on a session bus
# of the test's own whose service folder ($XDG_DATA_HOME/dbus-1/services)
# holds data/io.github.kontor.Kontor.service.in made for this build's
# kontor:
#
#  1. The provider file the Shell reads (PROVIDER_INI, as installed to
#     share/gnome-shell/search-providers) names Kontor's desktop entry, its
#     bus name and an object path, version 2. With no Kontor running,
#     org.gnome.Shell.SearchProvider2.GetInitialResultSet there starts it
#     (the bus, `kontor --gapplication-service`).
#  2. The default database (make-search-db) is searched: Anna Schneider by
#     name, by her company's name (which also finds the company), e-mail,
#     phone (as written and a digit group) and customer number; the
#     companies by name and city; Clara Schneider, archived, is not found,
#     as the contacts table does not show her by default; GetSubsearchResultSet
#     narrows to the words typed on.
#  3. GetResultMetas gives name, company (a company's city) and an icon the
#     Shell can read: a serialized GIcon of PNG bytes, 64 × 64, the
#     initials' picture (saved to the build folder to look at); an id of
#     nothing stored has no meta.
#  4. ActivateResult opens the record in Kontor's window: read over
#     AT-SPI (an accessibility bus of the test's own): the keyboard focus
#     is on the contact's page, which names her and holds her last name;
#     then on the company's page; LaunchSearch shows the contacts table
#     searched for the words, the focus in its search entry. app.quit
#     ends Kontor.
#
# Without gi, pyatspi, at-spi2-core, dbus-run-session or an X
# display it exits 77 (skipped) with a message, unless CI=true: then a
# missing piece is a failure. KONTOR_A11Y_DUMP=1 prints the window's
# accessible tree each time it is read.

import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import time

APP_ID = 'io.github.kontor.Kontor'
APP_PATH = '/io/github/kontor/Kontor'
SYSTEM_PYTHON = '/usr/bin/python3'
BUS_LAUNCHER_PATHS = ('/usr/libexec/at-spi-bus-launcher',
                      '/usr/lib/at-spi2-core/at-spi-bus-launcher')
IFACE = 'org.gnome.Shell.SearchProvider2'
# Bounds for waiting; never a measure of speed.
WAIT_SECONDS = 90

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


def ensure_system_python():
    """gi and pyatspi are Debian's, for the system's Python"""
    try:
        import gi  # noqa: F401
        import pyatspi  # noqa: F401
        return
    except ImportError:
        pass
    if (os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and
            os.access(SYSTEM_PYTHON, os.X_OK)):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    unavailable('gi or pyatspi is missing (python3-gi, python3-pyatspi)')


def find_bus_launcher():
    for path in BUS_LAUNCHER_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which('at-spi-bus-launcher')


def run_in_private_session(kontor, template):
    """This script again, under a session bus of its own whose service
    folder holds Kontor's service file for this build's kontor, with the
    user's folders in a temporary one: what the bus starts gets the bus's
    environment, this one (on the accessibility bus, GTK_A11Y=atspi)."""
    tmp = tempfile.mkdtemp(prefix='kontor-shell-search-')
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
        env = dict(os.environ, KONTOR_SEARCH_TMP=tmp, XDG_RUNTIME_DIR=runtime,
                   XDG_DATA_HOME=data,
                   XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
                   XDG_CACHE_HOME=os.path.join(tmp, 'cache'),
                   XDG_STATE_HOME=os.path.join(tmp, 'state'),
                   GTK_A11Y='atspi')
        # tests/meson.build keeps the other tests off the bus; this one is on it
        for name in ('DBUS_SESSION_BUS_ADDRESS', 'DBUS_STARTER_ADDRESS',
                     'DBUS_STARTER_BUS_TYPE', 'NO_AT_BRIDGE', 'AT_SPI_BUS_ADDRESS'):
            env.pop(name, None)
        return subprocess.call(['dbus-run-session', '--', sys.executable] + sys.argv, env=env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class Bus:
    def __init__(self):
        from gi.repository import Gio, GLib

        self.Gio, self.GLib = Gio, GLib
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def call(self, name, path, interface, method, parameters, reply_type=None,
             auto_start=False):
        flags = (self.Gio.DBusCallFlags.NONE if auto_start
                 else self.Gio.DBusCallFlags.NO_AUTO_START)
        try:
            return self.bus.call_sync(name, path, interface, method, parameters,
                                      reply_type and self.GLib.VariantType(reply_type),
                                      flags, WAIT_SECONDS * 1000, None)
        except self.GLib.Error as error:
            fail(f'{interface}.{method} on {name}: {error.message}')

    def kontor_pid(self):
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


def start_accessibility_bus(bus):
    """at-spi-bus-launcher on the session bus, its address given to what
    the bus starts (UpdateActivationEnvironment); without DISPLAY it does
    not publish the bus on the X root window, where other tests on the
    same display would find it."""
    from gi.repository import GLib

    launcher_path = find_bus_launcher()
    if launcher_path is None:
        unavailable('at-spi-bus-launcher is missing (at-spi2-core)')
    env = dict(os.environ)
    env.pop('DISPLAY', None)
    launcher = subprocess.Popen([launcher_path, '--launch-immediately'], env=env)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and launcher.poll() is None:
        try:
            reply = bus.bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus',
                                      'GetAddress', None, GLib.VariantType('(s)'),
                                      bus.Gio.DBusCallFlags.NO_AUTO_START, 5000, None)
            address = reply.unpack()[0]
            os.environ['AT_SPI_BUS_ADDRESS'] = address
            bus.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                     'UpdateActivationEnvironment',
                     GLib.Variant('(a{ss})', ({'AT_SPI_BUS_ADDRESS': address},)))
            return launcher
        except GLib.Error:
            time.sleep(0.1)
    launcher.kill()
    launcher.wait()
    unavailable('the accessibility bus did not start (at-spi-bus-launcher)')


def wait_for(what, predicate):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except Exception:
            result = None
        if result:
            return result
        time.sleep(0.2)
    fail(f'{what} did not happen')


def process_gone(pid):
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


def focus_and_page(pyatspi, root):
    """What holds the keyboard focus under @root: (its role, name, text,
    the page around it: the class name of the nearest Kontor…Page or
    Kontor…View ancestor and [(role, name, text)] of all under that).
    GTK 4.8 tells AT-SPI which widget is focused, but not which page of a
    stack is shown (every page is "visible", none "showing"): the focus
    is on the page the window shows."""
    P = pyatspi
    dump = os.environ.get('KONTOR_A11Y_DUMP') == '1'

    def describe(accessible):
        states = accessible.getState()
        text = None
        if states.contains(P.STATE_EDITABLE):
            text_iface = accessible.queryText()
            text = text_iface.getText(0, text_iface.characterCount)
        return accessible.getRole(), accessible.name or '', text, states

    def subtree(accessible, found):
        try:
            role, name, text, _ = describe(accessible)
            children = list(accessible)
        except Exception:       # gone while walking
            return found
        found.append((role, name, text))
        for child in children:
            if child is not None:
                subtree(child, found)
        return found

    def visit(accessible, ancestors):
        try:
            role, name, text, states = describe(accessible)
            children = list(accessible)
        except Exception:
            return None
        if dump:
            print('#' + '  ' * len(ancestors) + f'{accessible.getRoleName()} “{name}”'
                  + (f' [{text}]' if text is not None else '')
                  + (' FOCUSED' if states.contains(P.STATE_FOCUSED) else ''))
        if states.contains(P.STATE_FOCUSED):
            for ancestor in reversed(ancestors):
                if ancestor.name.startswith('Kontor') and ancestor.name.endswith(('Page', 'View')):
                    return role, name, text, ancestor.name, subtree(ancestor, [])
            return role, name, text, None, []
        for child in children:
            if child is not None:
                found = visit(child, ancestors + [accessible])
                if found is not None and not dump:
                    return found
        return None

    return visit(root, [])


def run_test(kontor, make_db, ini_path):
    from gi.repository import Gio, GLib

    tmp = os.environ['KONTOR_SEARCH_TMP']
    bus = Bus()

    # 1. the Shell's provider file
    ini = configparser.ConfigParser()
    ini.optionxform = str
    if not ini.read(ini_path, encoding='utf-8') or 'Shell Search Provider' not in ini:
        fail(f'{ini_path} has no [Shell Search Provider]')
    provider = ini['Shell Search Provider']
    if provider.get('DesktopId') != APP_ID + '.desktop':
        fail(f'DesktopId is {provider.get("DesktopId")}')
    if provider.get('BusName') != APP_ID or provider.get('Version') != '2':
        fail(f'BusName {provider.get("BusName")}, Version {provider.get("Version")}')
    name, path = provider['BusName'], provider['ObjectPath']

    db = os.path.join(os.environ['XDG_DATA_HOME'], 'kontor', 'kontor.db')
    os.makedirs(os.path.dirname(db))
    anna, bernd, clara, brandt, zeppelin = subprocess.run(
        [make_db, db], check=True, capture_output=True, text=True).stdout.split()
    launcher = start_accessibility_bus(bus)
    import pyatspi

    def search(*terms, auto_start=False):
        return bus.call(name, path, IFACE, 'GetInitialResultSet',
                        GLib.Variant('(as)', (list(terms),)), '(as)',
                        auto_start=auto_start).unpack()[0]

    try:
        if bus.kontor_pid() is not None:
            fail('Kontor has the bus name before the test started it')
        results = search('Schneider', auto_start=True)
        pid = bus.kontor_pid()
        if pid is None or '--gapplication-service' not in command_line(pid):
            fail(f'the search was not answered by the bus’s kontor: {pid}')
        if results != ['contact:' + anna]:
            fail(f'“Schneider” found {results}')
        ok('the provider file names Kontor; the bus starts Kontor for the Shell’s first search')

        # 2. what is found
        for terms, expected in (
                (['anna'], ['contact:' + anna]),
                (['brandt'], ['company:' + brandt, 'contact:' + anna]),
                (['Maschinenbau', 'anna'], ['contact:' + anna]),
                (['anna.schneider@brandt.example'], ['contact:' + anna]),
                (['0341', '555', '0123'], ['contact:' + anna]),
                (['+49', '341', '5550123'], ['contact:' + anna]),
                (['5550123'], ['contact:' + anna]),
                (['K-4711'], ['contact:' + anna]),
                (['vogel'], ['contact:' + bernd]),
                (['zeppelin'], ['company:' + zeppelin]),
                (['Friedrichshafen'], ['company:' + zeppelin]),
                (['clara'], []),
                (['nobody'], []),
                (['  '], [])):
            results = search(*terms)
            if results != expected:
                fail(f'{terms} found {results}, not {expected}')
        results = bus.call(name, path, IFACE, 'GetSubsearchResultSet',
                           GLib.Variant('(asas)', (['contact:' + anna, 'contact:' + bernd],
                                                   ['schneider', 'anna'])),
                           '(as)').unpack()[0]
        if results != ['contact:' + anna]:
            fail(f'the subsearch found {results}')
        ok('contacts by name, company, e-mail, phone and customer number, companies by name '
           'and city; not the archived; the subsearch narrows')

        # 3. the metas
        metas = bus.call(name, path, IFACE, 'GetResultMetas',
                         GLib.Variant('(as)', (['contact:' + anna, 'company:' + zeppelin,
                                                'contact:nothing-stored', 'other'],)),
                         '(aa{sv})').unpack()[0]
        if [m['id'] for m in metas] != ['contact:' + anna, 'company:' + zeppelin]:
            fail(f'metas of {[m["id"] for m in metas]}')
        if (metas[0]['name'], metas[0].get('description')) != ('Anna Schneider',
                                                               'Brandt Maschinenbau GmbH'):
            fail(f'the contact’s meta: {metas[0]["name"]}, {metas[0].get("description")}')
        if (metas[1]['name'], metas[1].get('description')) != ('Zeppelin Werke AG',
                                                               'Friedrichshafen'):
            fail(f'the company’s meta: {metas[1]["name"]}, {metas[1].get("description")}')
        raw = bus.call(name, path, IFACE, 'GetResultMetas',
                       GLib.Variant('(as)', (['contact:' + anna],)), '(aa{sv})')
        icon = Gio.Icon.deserialize(raw.get_child_value(0).get_child_value(0)
                                    .lookup_value('icon', None))
        if not isinstance(icon, Gio.BytesIcon):
            fail(f'the icon is {icon}, not bytes')
        png = icon.get_bytes().get_data()
        if png[:8] != b'\x89PNG\r\n\x1a\n' or png[16:24] != bytes([0, 0, 0, 64, 0, 0, 0, 64]):
            fail('the icon is no 64 × 64 PNG')
        with open(os.path.join(os.environ.get('KONTOR_SCREENSHOT_DIR', tmp),
                               'shell-search-initials.png'), 'wb') as f:
            f.write(png)
        ok('metas: name, company or city, a 64 × 64 PNG icon the Shell deserializes; '
           'none for what is not stored')

        # 4. activation: the window on the record, read over AT-SPI
        desktop = pyatspi.Registry.getDesktop(0)

        def main_window():
            for app in desktop:
                if app is not None and app.name == 'kontor':
                    for window in app:
                        if window is not None and window.name == 'Kontor':
                            return window
            return None

        def focus_on(page, predicate):
            window = main_window()
            found = window is not None and focus_and_page(pyatspi, window)
            return found and found[3] == page and predicate(found)

        def page_of(record_name, field, value):
            """the record's page, its header's label naming it and the
            field's text"""
            return lambda found: (
                any(role == pyatspi.ROLE_LABEL and n == record_name for role, n, _ in found[4]) and
                any(n == field and text == value for _, n, text in found[4]))

        bus.call(name, path, IFACE, 'ActivateResult',
                 GLib.Variant('(sasu)', ('contact:' + anna, ['anna'], 0)))
        wait_for('the contact’s page after ActivateResult',
                 lambda: focus_on('KontorContactPage',
                                  page_of('Anna Schneider', 'Last Name', 'Schneider')))
        if bus.kontor_pid() != pid:
            fail('ActivateResult went to another Kontor')
        ok('ActivateResult opens the contact’s page in Kontor’s window')

        bus.call(name, path, IFACE, 'ActivateResult',
                 GLib.Variant('(sasu)', ('company:' + zeppelin, ['zeppelin'], 1000)))
        wait_for('the company’s page after ActivateResult',
                 lambda: focus_on('KontorCompanyPage',
                                  page_of('Zeppelin Werke AG', 'City', 'Friedrichshafen')))
        ok('ActivateResult opens the company’s page')

        bus.call(name, path, IFACE, 'LaunchSearch',
                 GLib.Variant('(asu)', (['vogel'], 2000)))
        wait_for('the contacts table searched for “vogel” after LaunchSearch',
                 lambda: focus_on('KontorContactsView',
                                  lambda found: found[2] == 'vogel' and
                                  any(role == pyatspi.ROLE_TABLE_ROW and n == 'Bernd Vogel'
                                      for role, n, _ in found[4]) and
                                  # the table's count: Bernd alone (the
                                  # rows' widgets are kept for reuse)
                                  any(role == pyatspi.ROLE_LABEL and n == '1 contact'
                                      for role, n, _ in found[4])))
        ok('LaunchSearch shows the contacts table searched for the words, the search '
           'entry focused')

        bus.call(APP_ID, APP_PATH, 'org.freedesktop.Application', 'ActivateAction',
                 GLib.Variant('(sava{sv})', ('quit', [], {})))
        wait_for('Kontor ending after app.quit',
                 lambda: bus.kontor_pid() is None and process_gone(pid))
        ok('app.quit ends Kontor')
    finally:
        pid = bus.kontor_pid()
        if pid is not None:
            os.kill(pid, 15)
        launcher.terminate()
        launcher.wait()
    print(f'1..{step}')
    return 0


def main():
    if len(sys.argv) != 6:
        print(f'usage: {sys.argv[0]} KONTOR SCHEMA_DIR MAKE_SEARCH_DB SERVICE_TEMPLATE '
              'PROVIDER_INI', file=sys.stderr)
        return 2
    kontor, schemas, make_db, template, ini = sys.argv[1:]
    os.environ['GSETTINGS_SCHEMA_DIR'] = schemas

    ensure_system_python()
    if not os.environ.get('DISPLAY'):
        unavailable('no X display')
    if shutil.which('dbus-run-session') is None:
        unavailable('dbus-run-session is missing')
    if 'KONTOR_SEARCH_TMP' not in os.environ:
        return run_in_private_session(kontor, template)
    return run_test(kontor, make_db, ini)


if __name__ == '__main__':
    sys.exit(main())
