/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The sample team behind `kontor --demo`, the screenshots and the
 * benchmarks: a German sales office with two teams, its customers'
 * companies and their people, written the way real users type them
 * (umlauts and ß, academic titles, phone numbers in every German notation,
 * Austrian and Swiss customers). Everything comes from one GRand seeded by
 * the caller and from a fixed reference date, never from the clock, so one
 * seed always gives the same records, ids included. */

#define G_LOG_DOMAIN "kontor-demo"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-demo.h"

/* "Today" for every date of the sample: 2026-11-24 12:00 UTC. */
#define REFERENCE_TIME   G_GINT64_CONSTANT (1795521600)
#define DAY              G_GINT64_CONSTANT (86400)
#define EPOCH_JULIAN     719163   /* GDate's Julian day of 1970-01-01 */
#define REFERENCE_JULIAN ((guint32) (EPOCH_JULIAN + REFERENCE_TIME / DAY))

/* The office started in December 2018; customers came from January 2019. */
#define TEAM_CREATED     G_GINT64_CONSTANT (1543827600)   /* 2018-12-03 09:00 */
#define COMPANIES_START  G_GINT64_CONSTANT (1546848000)   /* 2019-01-07 08:00 */
#define COMPANIES_END    G_GINT64_CONSTANT (1795190400)   /* 2026-11-20 16:00 */
#define CONTACTS_START   G_GINT64_CONSTANT (1547452800)   /* 2019-01-14 08:00 */
#define CONTACTS_END     G_GINT64_CONSTANT (1795518000)   /* 2026-11-24 11:00 */
#define ACTIVITY_WINDOW  (180 * DAY)

#define OWN_DOMAIN       "kontor-beispiel.de"
#define MIN_COMPANIES    5
#define CONTACTS_PER_COMPANY 8
#define MAX_SLUG_LENGTH  30
#define NAME_ATTEMPTS    4

/* ------------------------------------------------------------------------ */
/* Data */

typedef enum
{
  COUNTRY_DE,
  COUNTRY_AT,
  COUNTRY_CH,
  N_COUNTRIES
} Country;

static const struct
{
  const char *name;
  const char *calling_code;
  const char *tld;
  guint8      weight;             /* share of customers, percent */
} countries[N_COUNTRIES] = {
  [COUNTRY_DE] = { "Deutschland", "49", "de", 88 },
  [COUNTRY_AT] = { "Österreich", "43", "at", 7 },
  [COUNTRY_CH] = { "Schweiz", "41", "ch", 5 },
};

typedef struct
{
  const char *postal_code;
  const char *name;
  const char *adjective;          /* "Leipziger …"; NULL where it reads oddly */
  const char *area_code;          /* without the trunk 0 */
  Country     country;
  gboolean    south;              /* served by "Vertrieb Süd" */
} City;

static const City cities_de[] = {
  { "10115", "Berlin", "Berliner", "30", COUNTRY_DE, FALSE },
  { "20095", "Hamburg", "Hamburger", "40", COUNTRY_DE, FALSE },
  { "80331", "München", "Münchner", "89", COUNTRY_DE, TRUE },
  { "50667", "Köln", "Kölner", "221", COUNTRY_DE, FALSE },
  { "60311", "Frankfurt am Main", "Frankfurter", "69", COUNTRY_DE, TRUE },
  { "70173", "Stuttgart", "Stuttgarter", "711", COUNTRY_DE, TRUE },
  { "40213", "Düsseldorf", "Düsseldorfer", "211", COUNTRY_DE, FALSE },
  { "04109", "Leipzig", "Leipziger", "341", COUNTRY_DE, FALSE },
  { "01067", "Dresden", "Dresdner", "351", COUNTRY_DE, FALSE },
  { "90402", "Nürnberg", "Nürnberger", "911", COUNTRY_DE, TRUE },
  { "28195", "Bremen", "Bremer", "421", COUNTRY_DE, FALSE },
  { "30159", "Hannover", NULL, "511", COUNTRY_DE, FALSE },
  { "44135", "Dortmund", "Dortmunder", "231", COUNTRY_DE, FALSE },
  { "45127", "Essen", "Essener", "201", COUNTRY_DE, FALSE },
  { "68159", "Mannheim", "Mannheimer", "621", COUNTRY_DE, TRUE },
  { "76133", "Karlsruhe", "Karlsruher", "721", COUNTRY_DE, TRUE },
  { "79098", "Freiburg im Breisgau", "Freiburger", "761", COUNTRY_DE, TRUE },
  { "93047", "Regensburg", "Regensburger", "941", COUNTRY_DE, TRUE },
  { "24103", "Kiel", "Kieler", "431", COUNTRY_DE, FALSE },
  { "18055", "Rostock", "Rostocker", "381", COUNTRY_DE, FALSE },
  { "53111", "Bonn", "Bonner", "228", COUNTRY_DE, FALSE },
  { "48143", "Münster", "Münsteraner", "251", COUNTRY_DE, FALSE },
  { "33602", "Bielefeld", "Bielefelder", "521", COUNTRY_DE, FALSE },
  { "38100", "Braunschweig", "Braunschweiger", "531", COUNTRY_DE, FALSE },
  { "99084", "Erfurt", "Erfurter", "361", COUNTRY_DE, FALSE },
  { "39104", "Magdeburg", "Magdeburger", "391", COUNTRY_DE, FALSE },
  { "14467", "Potsdam", "Potsdamer", "331", COUNTRY_DE, FALSE },
  { "55116", "Mainz", "Mainzer", "6131", COUNTRY_DE, TRUE },
  { "65183", "Wiesbaden", "Wiesbadener", "611", COUNTRY_DE, TRUE },
  { "66111", "Saarbrücken", "Saarbrücker", "681", COUNTRY_DE, TRUE },
  { "86150", "Augsburg", "Augsburger", "821", COUNTRY_DE, TRUE },
  { "89073", "Ulm", "Ulmer", "731", COUNTRY_DE, TRUE },
  { "97070", "Würzburg", "Würzburger", "931", COUNTRY_DE, TRUE },
  { "69117", "Heidelberg", "Heidelberger", "6221", COUNTRY_DE, TRUE },
  { "52062", "Aachen", "Aachener", "241", COUNTRY_DE, FALSE },
  { "23552", "Lübeck", "Lübecker", "451", COUNTRY_DE, FALSE },
  { "26122", "Oldenburg", "Oldenburger", "441", COUNTRY_DE, FALSE },
  { "49074", "Osnabrück", "Osnabrücker", "541", COUNTRY_DE, FALSE },
  { "34117", "Kassel", "Kasseler", "561", COUNTRY_DE, FALSE },
  { "06108", "Halle (Saale)", NULL, "345", COUNTRY_DE, FALSE },
  { "09111", "Chemnitz", "Chemnitzer", "371", COUNTRY_DE, FALSE },
  { "07743", "Jena", "Jenaer", "3641", COUNTRY_DE, FALSE },
  { "94032", "Passau", "Passauer", "851", COUNTRY_DE, TRUE },
  { "78462", "Konstanz", "Konstanzer", "7531", COUNTRY_DE, TRUE },
  { "83022", "Rosenheim", "Rosenheimer", "8031", COUNTRY_DE, TRUE },
  { "87435", "Kempten (Allgäu)", "Kemptener", "831", COUNTRY_DE, TRUE },
};

static const City cities_at[] = {
  { "1010", "Wien", "Wiener", "1", COUNTRY_AT, TRUE },
  { "5020", "Salzburg", "Salzburger", "662", COUNTRY_AT, TRUE },
  { "6020", "Innsbruck", "Innsbrucker", "512", COUNTRY_AT, TRUE },
  { "8010", "Graz", "Grazer", "316", COUNTRY_AT, TRUE },
  { "4020", "Linz", "Linzer", "732", COUNTRY_AT, TRUE },
};

static const City cities_ch[] = {
  { "8001", "Zürich", "Zürcher", "44", COUNTRY_CH, TRUE },
  { "3011", "Bern", "Berner", "31", COUNTRY_CH, TRUE },
  { "4051", "Basel", "Basler", "61", COUNTRY_CH, TRUE },
  { "6003", "Luzern", "Luzerner", "41", COUNTRY_CH, TRUE },
  { "9000", "St. Gallen", NULL, "71", COUNTRY_CH, TRUE },
};

static const struct
{
  const City *cities;
  guint       n_cities;
} country_cities[N_COUNTRIES] = {
  [COUNTRY_DE] = { cities_de, G_N_ELEMENTS (cities_de) },
  [COUNTRY_AT] = { cities_at, G_N_ELEMENTS (cities_at) },
  [COUNTRY_CH] = { cities_ch, G_N_ELEMENTS (cities_ch) },
};

static const char * const mobile_prefixes_de[] = {
  "151", "152", "157", "160", "162", "163", "170", "171", "172", "173", "174", "175", "176",
  "177", "178", "179",
};
static const char * const mobile_prefixes_at[] = { "650", "660", "664", "676", "699" };
static const char * const mobile_prefixes_ch[] = { "76", "77", "78", "79" };

static const char * const private_mail_de[] = {
  "gmx.de", "gmx.de", "web.de", "web.de", "t-online.de", "gmail.com", "outlook.de", "posteo.de",
  "freenet.de", "yahoo.de", "icloud.com",
};
static const char * const private_mail_at[] = { "gmx.at", "aon.at", "gmail.com", "chello.at" };
static const char * const private_mail_ch[] = { "bluewin.ch", "gmx.ch", "gmail.com", "hispeed.ch" };

static const char * const streets[] = {
  "Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Lindenallee",
  "Am Marktplatz", "Friedrichstraße", "Gartenstraße", "Bergstraße", "Kirchstraße",
  "Industriestraße", "Gewerbestraße", "Am Hafen", "Mühlenweg", "Rosenweg", "Schulstraße",
  "Waldstraße", "Ringstraße", "Birkenweg", "Kastanienallee", "Mozartstraße",
  "Beethovenstraße", "Lessingstraße", "Kantstraße", "Am Stadtpark", "Hafenstraße",
  "Im Gewerbepark", "Rheinstraße", "Max-Planck-Straße", "Robert-Bosch-Straße",
  "Carl-Zeiss-Straße", "Otto-Hahn-Straße", "Daimlerstraße", "Ludwigstraße",
  "Theodor-Heuss-Allee", "Konrad-Adenauer-Ring", "Wilhelmstraße", "Poststraße",
  "Am Mühlbach", "Uferstraße", "Schloßstraße", "Eichendorffweg",
};

typedef enum
{
  GENDER_MALE,
  GENDER_FEMALE,
} Gender;

typedef struct
{
  const char *name;
  Gender      gender;
} FirstName;

#define M(name) { name, GENDER_MALE }
#define F(name) { name, GENDER_FEMALE }

static const FirstName german_first_names[] = {
  M ("Alexander"), M ("Andreas"), M ("André"), M ("Benedikt"), M ("Bernd"), M ("Björn"),
  M ("Christian"), M ("Daniel"), M ("Dieter"), M ("Dirk"), M ("Fabian"), M ("Felix"),
  M ("Florian"), M ("Frank"), M ("Günter"), M ("Hans-Peter"), M ("Heiko"), M ("Hendrik"),
  M ("Holger"), M ("Jan"), M ("Jens"), M ("Jonas"), M ("Jörg"), M ("Julian"), M ("Jürgen"),
  M ("Kai"), M ("Karl-Heinz"), M ("Klaus"), M ("Lars"), M ("Lukas"), M ("Malte"),
  M ("Manfred"), M ("Markus"), M ("Martin"), M ("Matthias"), M ("Maximilian"), M ("Michael"),
  M ("Moritz"), M ("Niklas"), M ("Ole"), M ("Peter"), M ("Philipp"), M ("Ralf"), M ("René"),
  M ("Rüdiger"), M ("Sebastian"), M ("Sönke"), M ("Sören"), M ("Stefan"), M ("Thomas"),
  M ("Till"), M ("Tim"), M ("Timo"), M ("Torsten"), M ("Uwe"), M ("Volker"), M ("Wolfgang"),
  F ("Andrea"), F ("Anja"), F ("Anna"), F ("Anne-Kathrin"), F ("Annika"), F ("Antje"),
  F ("Bärbel"), F ("Birgit"), F ("Carolin"), F ("Christina"), F ("Claudia"), F ("Daniela"),
  F ("Doris"), F ("Dörte"), F ("Eva-Maria"), F ("Franziska"), F ("Frauke"), F ("Gabriele"),
  F ("Gisela"), F ("Hannah"), F ("Heike"), F ("Hildegard"), F ("Ingrid"), F ("Jana"),
  F ("Johanna"), F ("Julia"), F ("Jutta"), F ("Karin"), F ("Käthe"), F ("Katharina"),
  F ("Kerstin"), F ("Laura"), F ("Lea"), F ("Lena"), F ("Maren"), F ("Marie"), F ("Martina"),
  F ("Melanie"), F ("Miriam"), F ("Monika"), F ("Nicole"), F ("Nina"), F ("Petra"),
  F ("Renate"), F ("Sabine"), F ("Sarah"), F ("Silke"), F ("Sophie"), F ("Stefanie"),
  F ("Susanne"), F ("Ursula"), F ("Ute"), F ("Wiebke"),
};

static const FirstName turkish_first_names[] = {
  M ("Murat"), M ("Mehmet"), M ("Emre"), M ("Can"), M ("Serkan"), M ("Cem"), M ("Yusuf"),
  M ("Hakan"), M ("Ömer"), F ("Lütfiye"), F ("Ayşe"), F ("Elif"), F ("Zeynep"), F ("Derya"),
  F ("Fatma"), F ("Gül"), F ("Melek"), F ("Büşra"),
};

static const FirstName english_first_names[] = {
  M ("Oliver"), M ("James"), M ("William"), M ("Harry"), M ("George"), M ("Jack"), M ("Edward"),
  F ("Emma"), F ("Charlotte"), F ("Emily"), F ("Olivia"), F ("Grace"), F ("Amelia"), F ("Lucy"),
};

static const FirstName french_first_names[] = {
  M ("Luc"), M ("Julien"), M ("Mathieu"), M ("Étienne"), M ("François"), M ("Pierre"),
  M ("Antoine"), M ("Loïc"), F ("Chloé"), F ("Camille"), F ("Élodie"), F ("Amélie"),
  F ("Céline"), F ("Margaux"), F ("Léa"), F ("Hélène"),
};

static const FirstName italian_first_names[] = {
  M ("Luca"), M ("Marco"), M ("Alessandro"), M ("Matteo"), M ("Giuseppe"), M ("Francesco"),
  M ("Davide"), M ("Niccolò"), F ("Giulia"), F ("Francesca"), F ("Chiara"), F ("Sara"),
  F ("Valentina"), F ("Alessia"), F ("Federica"),
};

#undef M
#undef F

/* Also the family names in company names ("Großmann Maschinenbau"). */
static const char * const german_last_names[] = {
  "Albrecht", "Arnold", "Bauer", "Baumann", "Baumgartner", "Beck", "Becker", "Berger",
  "Bergmann", "Böhm", "Brandt", "Braun", "Brückner", "Brunner", "Busch", "Dietrich", "Dörr",
  "Egger", "Engel", "Fischer", "Förster", "Frank", "Franke", "Frei", "Friedrich", "Fuchs",
  "Fuß", "Gärtner", "Gerber", "Graf", "Groß", "Großmann", "Gruber", "Grün", "Günther", "Haas",
  "Hahn", "Hartmann", "Heinrich", "Herrmann", "Hofer", "Hoffmann", "Hofmann", "Hölzl", "Horn",
  "Huber", "Jäger", "Jung", "Jürgens", "Kaiser", "Käser", "Keller", "Klein", "Koch", "Köhler",
  "König", "Krämer", "Kraus", "Krause", "Kröger", "Krüger", "Kuhn", "Kühn", "Lang", "Lange",
  "Lehmann", "Leitner", "Löffler", "Lorenz", "Ludwig", "Lührs", "Maier", "Mayer", "Meier",
  "Meyer", "Möller", "Moser", "Müller", "Neumann", "Nußbaum", "Otto", "Peters", "Pfeiffer",
  "Pichler", "Pohl", "Richter", "Rößler", "Roth", "Sauer", "Schäfer", "Schmid", "Schmidt",
  "Schmitt", "Schmitz", "Schneider", "Scholz", "Schreiber", "Schröder", "Schubert", "Schulte",
  "Schulz", "Schulze", "Schumacher", "Schuster", "Schwarz", "Seidel", "Simon", "Sommer",
  "Stein", "Steiner", "Strauß", "Süß", "Thießen", "Vogel", "Vogt", "Voigt", "Wagner", "Walter",
  "Weber", "Weiß", "Werner", "Winkler", "Winter", "Wolf", "Wolff", "Ziegler", "Zimmermann",
};

static const char * const turkish_last_names[] = {
  "Yılmaz", "Öztürk", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Arslan", "Doğan", "Koç",
  "Kılıç",
};

static const char * const english_last_names[] = {
  "Clarke", "Bennett", "Smith", "Taylor", "Brown", "Wilson", "Hughes", "Walker", "Wright",
  "Robinson", "Thompson", "Evans", "O'Connor",
};

static const char * const french_last_names[] = {
  "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Rousseau",
  "Fontaine", "Mercier", "Faure",
};

static const char * const italian_last_names[] = {
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
  "Greco", "Conti", "De Luca",
};

typedef enum
{
  ORIGIN_GERMAN,
  ORIGIN_TURKISH,
  ORIGIN_ENGLISH,
  ORIGIN_FRENCH,
  ORIGIN_ITALIAN,
  N_ORIGINS
} Origin;

static const struct
{
  const FirstName    *first_names;
  guint               n_first_names;
  const char * const *last_names;
  guint               n_last_names;
  KontorLanguage      language;
} name_pools[N_ORIGINS] = {
  [ORIGIN_GERMAN] = { german_first_names, G_N_ELEMENTS (german_first_names),
                      german_last_names, G_N_ELEMENTS (german_last_names), KONTOR_LANGUAGE_DE },
  [ORIGIN_TURKISH] = { turkish_first_names, G_N_ELEMENTS (turkish_first_names),
                       turkish_last_names, G_N_ELEMENTS (turkish_last_names), KONTOR_LANGUAGE_DE },
  [ORIGIN_ENGLISH] = { english_first_names, G_N_ELEMENTS (english_first_names),
                       english_last_names, G_N_ELEMENTS (english_last_names), KONTOR_LANGUAGE_EN },
  [ORIGIN_FRENCH] = { french_first_names, G_N_ELEMENTS (french_first_names),
                      french_last_names, G_N_ELEMENTS (french_last_names), KONTOR_LANGUAGE_FR },
  [ORIGIN_ITALIAN] = { italian_first_names, G_N_ELEMENTS (italian_first_names),
                       italian_last_names, G_N_ELEMENTS (italian_last_names), KONTOR_LANGUAGE_IT },
};

/* Who works for a customer, by the customer's country: Swiss customers
 * bring French and Italian speakers. */
static const guint8 origin_weights[N_COUNTRIES][N_ORIGINS] = {
  [COUNTRY_DE] = { 84, 6, 5, 2, 3 },
  [COUNTRY_AT] = { 88, 5, 3, 2, 2 },
  [COUNTRY_CH] = { 60, 4, 4, 20, 12 },
};

static const struct
{
  const char *male;
  const char *female;
} job_titles[] = {
  { "Geschäftsführer", "Geschäftsführerin" },
  { "Geschäftsführender Gesellschafter", "Geschäftsführende Gesellschafterin" },
  { "Inhaber", "Inhaberin" },
  { "Prokurist", "Prokuristin" },
  { "Leiter Vertrieb", "Leiterin Vertrieb" },
  { "Vertriebsleiter", "Vertriebsleiterin" },
  { "Einkaufsleiter", "Einkaufsleiterin" },
  { "Leiter Einkauf", "Leiterin Einkauf" },
  { "Strategischer Einkäufer", "Strategische Einkäuferin" },
  { "Sachbearbeiter Einkauf", "Sachbearbeiterin Einkauf" },
  { "Assistenz der Geschäftsführung", "Assistenz der Geschäftsführung" },
  { "IT-Leiter", "IT-Leiterin" },
  { "Systemadministrator", "Systemadministratorin" },
  { "Technischer Leiter", "Technische Leiterin" },
  { "Kaufmännischer Leiter", "Kaufmännische Leiterin" },
  { "Leiter Marketing", "Leiterin Marketing" },
  { "Key Account Manager", "Key Account Managerin" },
  { "Projektleiter", "Projektleiterin" },
  { "Produktionsleiter", "Produktionsleiterin" },
  { "Werksleiter", "Werksleiterin" },
  { "Qualitätsmanager", "Qualitätsmanagerin" },
  { "Leiter Buchhaltung", "Leiterin Buchhaltung" },
  { "Personalleiter", "Personalleiterin" },
  { "Disponent", "Disponentin" },
  { "Filialleiter", "Filialleiterin" },
  { "Office Manager", "Office Managerin" },
  { "Teamleiter Logistik", "Teamleiterin Logistik" },
  { "Betriebsleiter", "Betriebsleiterin" },
};

static const char * const english_job_titles[] = {
  "Managing Director", "Head of Procurement", "Sales Director", "IT Manager",
  "Operations Manager", "Chief Financial Officer", "Purchasing Manager",
};

static const char * const contact_notes[] = {
  "Interesse an Wartungsvertrag, Rückruf nach der Messe.",
  "Angebot über 20 Lizenzen angefragt, Entscheidung im ersten Quartal.",
  "Hat auf der Hannover Messe am Stand vorbeigeschaut.",
  "Bevorzugt Kontakt per E-Mail, telefonisch schwer erreichbar.",
  "Rahmenvertrag läuft Ende des Jahres aus – Verlängerung ansprechen.",
  "Neuer Ansprechpartner seit März, Vorgänger ist in Rente gegangen.",
  "Budget für nächstes Jahr noch nicht freigegeben.",
  "Wünscht einen Vor-Ort-Termin mit der Technik.",
  "Reklamation zur letzten Lieferung geklärt, Gutschrift erteilt.",
  "Empfehlung eines Bestandskunden, sehr interessiert.",
  "Nicht vor 10 Uhr anrufen.",
  "Urlaub bis Mitte des Monats, danach nachfassen.",
  "Muster verschickt, Rückmeldung abwarten.",
  "Entscheidet gemeinsam mit dem Einkauf, Ansprechpartner dort noch unbekannt.",
  "Preisliste 2027 zugeschickt.",
  "Möchte zum Newsletter angemeldet werden.",
  "Interesse an einer Schulung für das ganze Team.",
  "Zahlt zuverlässig, nutzt Skonto.",
  "Wettbewerber ist derzeit günstiger – Angebot überarbeiten.",
  "Termin zur Produktvorführung vereinbart, Unterlagen vorab schicken.",
  "Möchte Rechnungen künftig per E-Mail erhalten.",
  "Kontakt über LinkedIn, erste Anfrage zu Preisen.",
  "Jahresgespräch im Herbst einplanen.",
  "Hat nach Referenzen aus der Branche gefragt.",
  "Bestellt regelmäßig im Frühjahr, rechtzeitig Angebot schicken.",
  "Weihnachtskarte schicken.",
  "Einwilligung zur Kontaktaufnahme liegt vor (Formular vom Messestand).",
  "Telefonat: Bedarf für 2027 steigt, neues Lager in Planung.\nNächster Schritt: Angebot.",
  "Ist nur dienstags und donnerstags im Büro.",
  "Kennt uns aus der Zusammenarbeit mit seinem früheren Arbeitgeber.",
};

static const char * const company_notes[] = {
  "Zentrale Rechnungsadresse, Lieferungen an das Werk in der Industriestraße.",
  "Rahmenvertrag bis Ende 2027.",
  "Zahlungsziel 30 Tage, 2 % Skonto bei Zahlung innerhalb von 10 Tagen.",
  "Betriebsferien in den ersten drei Augustwochen.",
  "Gehört zur selben Gruppe wie ein weiterer Kunde, Konditionen abstimmen.",
  "Anlieferung nur werktags von 7 bis 15 Uhr, Rampe 2.",
  "Messekontakt von der Hannover Messe, Potenzial für weitere Standorte.",
  "Bestellungen ausschließlich über das Lieferantenportal.",
};

static const char * const company_mailboxes[] = {
  "vertrieb", "einkauf", "buchhaltung", "service", "kontakt", "bestellung",
};

typedef struct
{
  const char *name;               /* the company's "Branche" */
  const char *suffixes[8];        /* after a name: "Schäfer Logistik" */
  const char *prefixes[4];        /* before a name: "Spedition Schäfer" */
} Industry;

static const Industry industries[] = {
  { "Maschinenbau", { "Maschinenbau", "Anlagenbau", "Präzisionstechnik", "Antriebstechnik",
                      "Werkzeugbau", "Fördertechnik", "Stahlbau" }, { NULL } },
  { "Logistik", { "Logistik", "Transporte", "Lagerlogistik", "Kurierdienst" },
    { "Spedition", "Umzüge" } },
  { "Software", { "Software", "IT-Systeme", "Informatik", "Digital", "Datentechnik",
                  "Solutions" }, { NULL } },
  { "Handel", { "Handel", "Großhandel", "Handelsgesellschaft", "Import-Export", "Vertrieb" },
    { "Baustoffhandel", "Getränkehandel", "Eisenwaren" } },
  { "Gastronomie", { "Gastronomie", "Catering", "Systemgastronomie" },
    { "Gasthaus", "Hotel", "Brauerei", "Café" } },
  { "Lebensmittel", { "Feinkost", "Backwaren", "Lebensmittel", "Frischdienst" },
    { "Bäckerei", "Metzgerei", "Konditorei", "Weingut" } },
  { "Bauwesen", { "Bau", "Hochbau", "Tiefbau", "Bauunternehmung", "Dachtechnik" },
    { "Bauunternehmen", "Zimmerei", "Malerbetrieb" } },
  { "Elektrotechnik", { "Elektrotechnik", "Gebäudetechnik", "Automatisierung",
                        "Schaltanlagenbau" }, { "Elektro" } },
  { "Automobil", { "Automobile", "Fahrzeugtechnik", "Kfz-Technik", "Karosseriebau" },
    { "Autohaus" } },
  { "Gesundheitswesen", { "Medizintechnik", "Dental", "Pflegedienst", "Labortechnik" },
    { "Sanitätshaus", "Apotheke" } },
  { "Energie", { "Solartechnik", "Energietechnik", "Haustechnik", "Heizungsbau", "Energie" },
    { NULL } },
  { "Druck und Medien", { "Druck", "Medien", "Druckhaus", "Verlag", "Werbetechnik" },
    { "Druckerei", "Verlag" } },
  { "Beratung", { "Consulting", "Unternehmensberatung", "Beratung", "Personalberatung" },
    { NULL } },
  { "Immobilien", { "Immobilien", "Hausverwaltung", "Projektentwicklung" },
    { "Hausverwaltung" } },
  { "Chemie und Kunststoff", { "Kunststofftechnik", "Chemie", "Kunststoffwerk",
                               "Verpackungen" }, { NULL } },
  { "Holz und Möbel", { "Holzbau", "Möbelwerkstätten", "Innenausbau" },
    { "Schreinerei", "Tischlerei" } },
  { "Textil", { "Textil", "Textilwerke", "Moden", "Berufsbekleidung" }, { NULL } },
  { "Landwirtschaft", { "Agrar", "Landtechnik", "Agrarhandel" }, { "Hofgut" } },
  { "Finanzdienstleistungen", { "Finanzberatung", "Versicherungsmakler",
                                "Vermögensverwaltung" }, { NULL } },
};

static const char * const fantasy_names[] = {
  "Nordlicht", "Alpenblick", "Rheintal", "Elbtal", "Weserland", "Bergland", "Sonnenhof",
  "Lindenhof", "Schwarzwald", "Isartal", "Havelland", "Donautal", "Spreewald", "Hanse",
  "Ostsee", "Nordsee", "Adler", "Falke", "Greif", "Phönix", "Kristall", "Eichenhain",
  "Tannenberg", "Sonnenstein", "Polarstern", "Morgenrot", "Silberpfeil", "Kompass",
  "Leuchtturm", "Weitblick", "Mühlbach", "Grünwald", "Feldberg", "Zugspitz", "Harz", "Eifel",
  "Allgäu", "Taunus", "Technova", "Medilux", "Datavis", "Infratec", "Logiserv", "Agrotec",
};

typedef struct
{
  const char *name;
  guint8      weight;
} LegalForm;

static const LegalForm legal_forms_de[] = {
  { "GmbH", 42 }, { "GmbH & Co. KG", 16 }, { "AG", 6 }, { "KG", 6 }, { "e.K.", 8 },
  { "OHG", 5 }, { "UG (haftungsbeschränkt)", 7 }, { "GbR", 3 },
};
/* Trades named "Bäckerei Großmann" are not public companies. */
static const LegalForm legal_forms_shop[] = {
  { "GmbH", 40 }, { "e.K.", 30 }, { "OHG", 10 }, { "GmbH & Co. KG", 10 }, { "KG", 10 },
};
static const LegalForm legal_forms_at[] = {
  { "GmbH", 60 }, { "KG", 10 }, { "OG", 10 }, { "AG", 10 }, { "e.U.", 10 },
};
static const LegalForm legal_forms_ch[] = { { "AG", 55 }, { "GmbH", 45 } };

typedef enum
{
  NAME_SURNAME_TRADE,             /* "Großmann Maschinenbau" */
  NAME_SHOP_SURNAME,              /* "Bäckerei Großmann" */
  NAME_FAMILY_FIRM,               /* "Müller & Söhne Maschinenbau" */
  NAME_TWO_PARTNERS,              /* "Weber & Krämer Elektrotechnik" */
  NAME_FANTASY_TRADE,             /* "Nordlicht Software" */
  NAME_CITY_TRADE,                /* "Leipziger Druckhaus" */
  N_NAME_PATTERNS
} NamePattern;

static const guint8 name_pattern_weights[N_NAME_PATTERNS] = { 30, 20, 10, 10, 20, 10 };

/* around the family name: "Gebr. Schäfer", "Müller & Söhne" */
static const struct
{
  const char *before;
  const char *after;
} family_firms[] = {
  { "", " & Söhne" }, { "Gebr. ", "" }, { "", " & Sohn" }, { "", " & Partner" },
};

/* The first companies, so that even a small sample shows what German
 * company names look like. */
static const struct
{
  const char *name;               /* without the legal form */
  const char *legal_form;
  const char *industry;
  const char *city;
} showcase_companies[] = {
  { "Bäckerei Großmann", "GmbH", "Lebensmittel", "Hannover" },
  { "Müller & Söhne Maschinenbau", "GmbH", "Maschinenbau", "Stuttgart" },
  { "Nordlicht Software", "AG", "Software", "Hamburg" },
  { "Schäfer Logistik", "GmbH & Co. KG", "Logistik", "Bremen" },
  { "Brückner Elektrotechnik", "KG", "Elektrotechnik", "Leipzig" },
  { "Autohaus Jäger", "e.K.", "Automobil", "München" },
  { "Alpenblick Hotel- und Gastronomiebetriebe", "GmbH", "Gastronomie", "Innsbruck" },
  { "Rheintal Kunststofftechnik", "AG", "Chemie und Kunststoff", "Basel" },
  { "Kühn & Partner Unternehmensberatung", "OHG", "Beratung", "Köln" },
};

/* The sales office itself. */
static const char * const team_names[] = { "Vertrieb Nord", "Vertrieb Süd" };

typedef enum
{
  REGION_NORTH,                   /* index of "Vertrieb Nord" */
  REGION_SOUTH,
  N_REGIONS
} Region;

#define IN_NORTH (1 << REGION_NORTH)
#define IN_SOUTH (1 << REGION_SOUTH)

static const struct
{
  const char     *username;
  const char     *full_name;
  KontorUserRole  role;
  guint           teams;
} demo_users[] = {
  { "tkrueger", "Tobias Krüger", KONTOR_USER_ROLE_ADMIN, IN_NORTH | IN_SOUTH },
  { "aschneider", "Anna Schneider", KONTOR_USER_ROLE_SALES, IN_NORTH },
  { "jbecker", "Jonas Becker", KONTOR_USER_ROLE_SALES, IN_NORTH },
  { "lhoffmann", "Lea Hoffmann", KONTOR_USER_ROLE_ASSISTANT, IN_NORTH | IN_SOUTH },
  { "myilmaz", "Murat Yılmaz", KONTOR_USER_ROLE_SALES, IN_SOUTH },
  { "kweiss", "Katharina Weiß", KONTOR_USER_ROLE_SALES, IN_SOUTH },
  { "fhuber", "Florian Huber", KONTOR_USER_ROLE_SALES, IN_SOUTH },
  { "swagner", "Sophie Wagner", KONTOR_USER_ROLE_VIEWER, 0 },
};

#define N_USERS G_N_ELEMENTS (demo_users)

/* The six built-in pipeline statuses (schema/001-initial.sql), board order. */
static const char * const pipeline_ids[] = {
  "00000000-0000-7000-8000-000000000001",   /* new */
  "00000000-0000-7000-8000-000000000002",   /* in-progress */
  "00000000-0000-7000-8000-000000000003",   /* contacted */
  "00000000-0000-7000-8000-000000000004",   /* offer */
  "00000000-0000-7000-8000-000000000005",   /* won */
  "00000000-0000-7000-8000-000000000006",   /* lost */
};

#define N_STATUSES (KONTOR_CONTACT_STATUS_ARCHIVED + 1)

static const guint8 status_weights[N_STATUSES] = { 10, 45, 35, 10 };

/* Where the contacts of each status stand on the board: prospects crowd
 * the first columns, customers were mostly won. */
static const guint8 pipeline_weights[N_STATUSES][G_N_ELEMENTS (pipeline_ids)] = {
  [KONTOR_CONTACT_STATUS_INBOX] = { 85, 15, 0, 0, 0, 0 },
  [KONTOR_CONTACT_STATUS_PROSPECT] = { 34, 26, 20, 12, 0, 8 },
  [KONTOR_CONTACT_STATUS_CUSTOMER] = { 5, 10, 20, 25, 40, 0 },
  [KONTOR_CONTACT_STATUS_ARCHIVED] = { 15, 10, 10, 5, 10, 50 },
};

static const guint8 lead_percent[N_STATUSES] = { 40, 45, 10, 20 };

typedef enum
{
  PHONE_NATIONAL,                 /* 030 1234567 */
  PHONE_INTERNATIONAL,            /* +49 30 1234567 */
  PHONE_PARENTHESES,              /* (030) 123 45 67 */
  PHONE_SLASH,                    /* 030/1234567 */
  PHONE_TRUNK_IN_PARENTHESES,     /* +49 (0)30 1234567 */
  PHONE_DOUBLE_ZERO,              /* 0049 30 1234567 */
  PHONE_DIN,                      /* 030 12345-67, DIN 5008 with extension */
  N_PHONE_STYLES
} PhoneStyle;

static const guint8 landline_style_weights[N_PHONE_STYLES] = { 28, 20, 12, 12, 10, 4, 14 };
static const guint8 mobile_style_weights[N_PHONE_STYLES] = { 48, 24, 3, 10, 10, 5, 0 };

typedef enum
{
  MAIL_FIRST_DOT_LAST,            /* juergen.mueller */
  MAIL_INITIAL_DOT_LAST,          /* j.mueller */
  MAIL_INITIAL_LAST,              /* jmueller */
  MAIL_LAST,                      /* mueller */
  MAIL_FIRST_LAST,                /* juergenmueller */
  MAIL_FIRST_UNDERSCORE_LAST,     /* juergen_mueller */
  N_MAIL_STYLES
} MailStyle;

static const guint8 work_mail_weights[N_MAIL_STYLES] = { 65, 18, 8, 5, 0, 4 };
static const guint8 private_mail_weights[N_MAIL_STYLES] = { 45, 10, 5, 0, 25, 15 };

/* ------------------------------------------------------------------------ */
/* Building */

typedef struct
{
  KontorCompany *company;         /* owned by the result */
  const City    *city;
  char          *domain;          /* "grossmann-maschinenbau.de" */
  char           phone_root[12];  /* the switchboard's digits without extension */
  const char    *sales_rep;
  gint64         created_at;
  gboolean       numbered;        /* gets a customer number */
} DemoCompany;

typedef struct
{
  GRand       *rand;
  GPtrArray   *records;
  guint64      n_ids;
  guint        n_numbers;

  const char  *team_ids[N_REGIONS];
  const char  *user_ids[N_USERS];
  guint        sellers[N_REGIONS][N_USERS];
  guint        n_sellers[N_REGIONS];
  guint        editors[N_REGIONS][N_USERS];
  guint        n_editors[N_REGIONS];
  int          admin;

  DemoCompany *companies;
  guint        n_companies;
  guint        next_numbered;     /* first company not yet numbered */

  /* scratch space, reused for every record */
  GString     *name;
  GString     *text;
  GString     *mail;
  GPtrArray   *channels;
} Builder;

static guint
pick_index (GRand *rand,
            guint  n)
{
  return n > 1 ? (guint) g_rand_int_range (rand, 0, (gint32) n) : 0;
}

#define PICK(rand, array) ((array)[pick_index ((rand), G_N_ELEMENTS (array))])

static gboolean
chance (GRand *rand,
        guint  percent)
{
  return (guint) g_rand_int_range (rand, 0, 100) < percent;
}

static guint
pick_weighted (GRand        *rand,
               const guint8 *weights,
               guint         n)
{
  guint total = 0;
  guint x;

  for (guint i = 0; i < n; i++)
    total += weights[i];

  x = pick_index (rand, total);
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }

  g_assert_not_reached ();
}

static const char *
pick_legal_form (GRand           *rand,
                 const LegalForm *forms,
                 guint            n)
{
  guint8 weights[8];

  g_assert (n <= G_N_ELEMENTS (weights));

  for (guint i = 0; i < n; i++)
    weights[i] = forms[i].weight;

  return forms[pick_weighted (rand, weights, n)].name;
}

static guint
count_strings (const char * const *strings,
               guint               max)
{
  guint n = 0;

  while (n < max && strings[n] != NULL)
    n++;

  return n;
}

/* UUIDv7 as kontor_uuid_v7_new() makes them, but from a counter and the
 * seeded generator instead of the clock: one millisecond per record from
 * the reference time on, so the ids increase in the order of the result. */
static void
set_new_id (Builder      *b,
            KontorRecord *record)
{
  static const char hex[] = "0123456789abcdef";
  gint64 ms = REFERENCE_TIME * 1000 + (gint64) b->n_ids++;
  guint8 bytes[16];
  char id[37];
  guint32 bits;
  guint n = 0;

  for (int i = 0; i < 6; i++)
    bytes[i] = (ms >> (8 * (5 - i))) & 0xff;
  bits = g_rand_int (b->rand);
  bytes[6] = 0x70 | ((bits >> 8) & 0x0f);
  bytes[7] = bits & 0xff;
  bits = g_rand_int (b->rand);
  bytes[8] = 0x80 | ((bits >> 24) & 0x3f);
  bytes[9] = (bits >> 16) & 0xff;
  bytes[10] = (bits >> 8) & 0xff;
  bytes[11] = bits & 0xff;
  bits = g_rand_int (b->rand);
  for (int i = 12; i < 16; i++)
    bytes[i] = (bits >> (8 * (15 - i))) & 0xff;

  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        id[n++] = '-';
      id[n++] = hex[bytes[i] >> 4];
      id[n++] = hex[bytes[i] & 0x0f];
    }
  id[n] = '\0';

  kontor_record_set_id (record, id);
}

/* Times of the @index-th of @n records created between @start and @end:
 * increasing with @index, at a random moment of its share of the span. */
static gint64
spread_time (Builder *b,
             guint    index,
             guint    n,
             gint64   start,
             gint64   end)
{
  gint64 width = (end - start) / MAX (n, 1);

  return start + width * index + (gint64) (g_rand_double (b->rand) * width);
}

/* Writes @value with at least @width digits and a NUL; returns the end.
 * printf() would do, but is a tenth of the time for 100 000 contacts. */
static char *
put_number (char  *out,
            guint  value,
            guint  width)
{
  char digits[12];
  guint n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);
  while (n < width && n < G_N_ELEMENTS (digits))
    digits[n++] = '0';
  while (n > 0)
    *out++ = digits[--n];
  *out = '\0';

  return out;
}

static guint
year_of (gint64 unix_time)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, EPOCH_JULIAN + unix_time / DAY);

  return g_date_get_year (&date);
}

/* "YYYY-MM-DD" into @buffer, which holds at least 11 bytes */
static void
format_date (char    *buffer,
             guint32  julian)
{
  GDate date;
  char *p;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  p = put_number (buffer, g_date_get_year (&date), 4);
  *p++ = '-';
  p = put_number (p, g_date_get_month (&date), 2);
  *p++ = '-';
  put_number (p, g_date_get_day (&date), 2);
}

static guint32
skip_weekend (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  switch (g_date_get_weekday (&date))
    {
    case G_DATE_SATURDAY:
      return julian + 2;
    case G_DATE_SUNDAY:
      return julian + 1;
    case G_DATE_BAD_WEEKDAY:
    case G_DATE_MONDAY:
    case G_DATE_TUESDAY:
    case G_DATE_WEDNESDAY:
    case G_DATE_THURSDAY:
    case G_DATE_FRIDAY:
    default:
      return julian;
    }
}

/* Appends @text as e-mail addresses and host names spell it: lower-case
 * ASCII, umlauts the way Germans type them without umlaut keys (ü → ue,
 * ß → ss), other accents dropped. Other characters become @blank (runs of
 * them one), or with @blank '\0' are dropped, hyphens kept: "Hans-Peter
 * O'Connor" gives "hans-peteroconnor", with '-' "hans-peter-oconnor". */
static void
append_ascii (GString    *out,
              const char *text,
              char        blank)
{
  gsize start = out->len;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *spelled = NULL;

      if (c < 0x80)
        {
          if (g_ascii_isalnum (c))
            g_string_append_c (out, g_ascii_tolower (c));
          else if (blank != '\0')
            {
              if (out->len > start && out->str[out->len - 1] != blank)
                g_string_append_c (out, blank);
            }
          else if (c == '-')
            g_string_append_c (out, '-');
          continue;
        }

      switch (c)
        {
        case 0x00e4: case 0x00c4: spelled = "ae"; break;                  /* ä Ä */
        case 0x00f6: case 0x00d6: case 0x0153: spelled = "oe"; break;     /* ö Ö œ */
        case 0x00fc: case 0x00dc: spelled = "ue"; break;                  /* ü Ü */
        case 0x00df: case 0x1e9e: spelled = "ss"; break;                  /* ß ẞ */
        case 0x00e0: case 0x00e1: case 0x00e2: spelled = "a"; break;      /* à á â */
        case 0x00e7: case 0x00c7: spelled = "c"; break;                   /* ç Ç */
        case 0x00e8: case 0x00e9: case 0x00ea: case 0x00eb:               /* è é ê ë */
        case 0x00c8: case 0x00c9: spelled = "e"; break;                   /* È É */
        case 0x011f: case 0x011e: spelled = "g"; break;                   /* ğ Ğ */
        case 0x00ec: case 0x00ed: case 0x00ee: case 0x00ef:               /* ì í î ï */
        case 0x0131: case 0x0130: spelled = "i"; break;                   /* ı İ */
        case 0x00f1: spelled = "n"; break;                                /* ñ */
        case 0x00f2: case 0x00f3: case 0x00f4: spelled = "o"; break;      /* ò ó ô */
        case 0x015f: case 0x015e: spelled = "s"; break;                   /* ş Ş */
        case 0x00f9: case 0x00fa: case 0x00fb: spelled = "u"; break;      /* ù ú û */
        default:
          break;
        }
      if (spelled != NULL)
        g_string_append (out, spelled);
    }

  if (blank != '\0' && out->len > start && out->str[out->len - 1] == blank)
    g_string_truncate (out, out->len - 1);
}

/* Switzerland writes "ss" for ß: "Grossmann AG", "Bahnhofstrasse". */
static void
append_regional (GString    *out,
                 const char *text,
                 Country     country)
{
  const char *sharp_s;

  if (country != COUNTRY_CH)
    {
      g_string_append (out, text);
      return;
    }

  while ((sharp_s = strstr (text, "ß")) != NULL)
    {
      g_string_append_len (out, text, sharp_s - text);
      g_string_append (out, "ss");
      text = sharp_s + strlen ("ß");
    }
  g_string_append (out, text);
}

static void
random_digits (Builder *b,
               char    *digits,
               guint    n)
{
  /* no leading 0 or 1: those are trunk and service prefixes */
  digits[0] = '2' + pick_index (b->rand, 8);
  for (guint i = 1; i < n; i++)
    digits[i] = '0' + pick_index (b->rand, 10);
  digits[n] = '\0';
}

/* "1234567" as "123 45 67": pairs from the right, as German and Swiss
 * numbers are read out. */
static void
append_grouped (GString    *out,
                const char *digits)
{
  gsize len = strlen (digits);
  gsize first = len % 2 == 0 ? 2 : 3;

  if (len <= 4)
    {
      g_string_append (out, digits);
      return;
    }

  g_string_append_len (out, digits, first);
  for (gsize i = first; i < len; i += 2)
    {
      g_string_append_c (out, ' ');
      g_string_append_len (out, digits + i, 2);
    }
}

/* Writes a phone number the way one of our users typed it. Numbers abroad
 * are always written internationally: a German office dials them so, and
 * a national "044 …" would be read as a German one. */
static void
append_phone (GString    *out,
              Country     country,
              const char *area,
              const char *number,
              const char *extension,
              PhoneStyle  style)
{
  const char *code = countries[country].calling_code;
  char digits[24];

  if (country != COUNTRY_DE &&
      style != PHONE_TRUNK_IN_PARENTHESES && style != PHONE_DOUBLE_ZERO)
    style = PHONE_INTERNATIONAL;
  if (style == PHONE_DIN && extension == NULL)
    style = PHONE_NATIONAL;

  switch (style)
    {
    case PHONE_NATIONAL:
    case PHONE_DIN:
      g_string_append_c (out, '0');
      g_string_append (out, area);
      g_string_append_c (out, ' ');
      break;
    case PHONE_INTERNATIONAL:
      g_string_append_c (out, '+');
      g_string_append (out, code);
      g_string_append_c (out, ' ');
      g_string_append (out, area);
      g_string_append_c (out, ' ');
      break;
    case PHONE_PARENTHESES:
      g_string_append (out, "(0");
      g_string_append (out, area);
      g_string_append (out, ") ");
      break;
    case PHONE_SLASH:
      g_string_append_c (out, '0');
      g_string_append (out, area);
      g_string_append_c (out, '/');
      break;
    case PHONE_TRUNK_IN_PARENTHESES:
      g_string_append_c (out, '+');
      g_string_append (out, code);
      g_string_append (out, " (0)");
      g_string_append (out, area);
      g_string_append_c (out, ' ');
      break;
    case PHONE_DOUBLE_ZERO:
      g_string_append (out, "00");
      g_string_append (out, code);
      g_string_append_c (out, ' ');
      g_string_append (out, area);
      g_string_append_c (out, ' ');
      break;
    case N_PHONE_STYLES:
    default:
      g_assert_not_reached ();
    }

  if (style == PHONE_DIN)
    {
      g_string_append (out, number);
      g_string_append_c (out, '-');
      g_string_append (out, extension);
      return;
    }

  g_strlcpy (digits, number, sizeof digits);
  if (extension != NULL)
    g_strlcat (digits, extension, sizeof digits);
  if (country == COUNTRY_CH || style == PHONE_PARENTHESES)
    append_grouped (out, digits);
  else
    g_string_append (out, digits);
}

static void
append_mobile (Builder *b,
               GString *out,
               Country  country)
{
  const char *prefix;
  char digits[12];

  switch (country)
    {
    case COUNTRY_AT:
      prefix = PICK (b->rand, mobile_prefixes_at);
      break;
    case COUNTRY_CH:
      prefix = PICK (b->rand, mobile_prefixes_ch);
      break;
    case COUNTRY_DE:
    case N_COUNTRIES:
    default:
      prefix = PICK (b->rand, mobile_prefixes_de);
      break;
    }

  /* 015x numbers have a digit more than the older ranges */
  random_digits (b, digits, prefix[0] == '1' && prefix[1] == '5' ? 8 : 7);
  append_phone (out, country, prefix, digits, NULL,
                pick_weighted (b->rand, mobile_style_weights, N_PHONE_STYLES));
}

/* The subscriber part of a landline number: area code and subscriber
 * number together have about ten digits in Germany. */
static guint
subscriber_length (Builder    *b,
                   const City *city)
{
  gsize area = strlen (city->area_code);

  if (city->country == COUNTRY_CH)
    return 7;
  if (city->country == COUNTRY_AT)
    return area == 1 ? 7 : 6;

  return (area <= 2 ? 7 : area == 3 ? 6 : 5) + pick_index (b->rand, 2);
}

/* Digits of a company's switchboard without its extension "0": its
 * people have extensions after it (DIN 5008: "0341 410647-0",
 * "0341 410647-17"); Swiss numbers keep their seven digits. */
static void
make_phone_root (Builder    *b,
                 const City *city,
                 char       *root)
{
  random_digits (b, root, MAX (subscriber_length (b, city) - 1, 4));
}

/* A person's extension into @buffer, which holds at least 4 bytes */
static void
format_extension (Builder    *b,
                  const City *city,
                  char       *buffer)
{
  guint extension;
  guint x;

  x = pick_index (b->rand, 100);
  if (city->country == COUNTRY_CH || x < 15)
    extension = 1 + pick_index (b->rand, 9);
  else if (x < 75)
    extension = 10 + pick_index (b->rand, 90);
  else
    extension = 100 + pick_index (b->rand, 300);

  put_number (buffer, extension, 1);
}

static void
add_channel (Builder    *b,
             const char *label,
             const char *value)
{
  g_ptr_array_add (b->channels, kontor_channel_new (label, value));
}

static void
take_channels (Builder      *b,
               KontorRecord *record,
               guint         index)
{
  kontor_record_set_channels (record, index, b->channels);
  g_ptr_array_set_size (b->channels, 0);
}

static void
append_mail_local (GString    *out,
                   const char *first,
                   const char *last,
                   MailStyle   style)
{
  gsize start = out->len;

  switch (style)
    {
    case MAIL_FIRST_DOT_LAST:
    case MAIL_FIRST_LAST:
    case MAIL_FIRST_UNDERSCORE_LAST:
      append_ascii (out, first, '\0');
      if (style != MAIL_FIRST_LAST)
        g_string_append_c (out, style == MAIL_FIRST_DOT_LAST ? '.' : '_');
      break;
    case MAIL_INITIAL_DOT_LAST:
    case MAIL_INITIAL_LAST:
      append_ascii (out, first, '\0');
      g_string_truncate (out, MIN (out->len, start + 1));
      if (style == MAIL_INITIAL_DOT_LAST)
        g_string_append_c (out, '.');
      break;
    case MAIL_LAST:
    case N_MAIL_STYLES:
    default:
      break;
    }

  append_ascii (out, last, '\0');
}

static void
append_street (Builder *b,
               GString *out,
               Country  country)
{
  append_regional (out, PICK (b->rand, streets), country);
  g_string_append_printf (out, " %u", 1 + pick_index (b->rand, chance (b->rand, 70) ? 60 : 180));
  if (chance (b->rand, 10))
    g_string_append_c (out, 'a' + pick_index (b->rand, 3));
}

static const City *
pick_city (Builder *b)
{
  guint8 weights[N_COUNTRIES];
  Country country;

  for (guint i = 0; i < N_COUNTRIES; i++)
    weights[i] = countries[i].weight;
  country = pick_weighted (b->rand, weights, N_COUNTRIES);

  return &country_cities[country].cities[pick_index (b->rand, country_cities[country].n_cities)];
}

static const City *
find_city (const char *name)
{
  for (guint c = 0; c < N_COUNTRIES; c++)
    {
      for (guint i = 0; i < country_cities[c].n_cities; i++)
        {
          if (g_str_equal (country_cities[c].cities[i].name, name))
            return &country_cities[c].cities[i];
        }
    }

  g_assert_not_reached ();
}

static const Industry *
find_industry (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
    {
      if (g_str_equal (industries[i].name, name))
        return &industries[i];
    }

  g_assert_not_reached ();
}

static Region
region_of (const City *city)
{
  return city->south ? REGION_SOUTH : REGION_NORTH;
}

/* A sales rep of the region's team; the head of sales takes a few himself. */
static const char *
pick_sales_rep (Builder *b,
                Region   region)
{
  if (b->admin >= 0 && chance (b->rand, 8))
    return b->user_ids[b->admin];

  return b->user_ids[b->sellers[region][pick_index (b->rand, b->n_sellers[region])]];
}

static const char *
pick_other_sales_rep (Builder    *b,
                      const char *first)
{
  const char *other;

  do
    other = pick_sales_rep (b, pick_index (b->rand, N_REGIONS));
  while (other == first);

  return other;
}

/* ------------------------------------------------------------------------ */
/* Teams and users */

static void
add_team_and_users (Builder *b)
{
  b->admin = -1;

  for (guint r = 0; r < N_REGIONS; r++)
    {
      KontorTeam *team = kontor_team_new (team_names[r]);

      set_new_id (b, KONTOR_RECORD (team));
      kontor_record_set_created_at (KONTOR_RECORD (team), TEAM_CREATED);
      b->team_ids[r] = kontor_record_get_id (KONTOR_RECORD (team));
      g_ptr_array_add (b->records, team);
    }

  for (guint i = 0; i < N_USERS; i++)
    {
      KontorUser *user = kontor_user_new (demo_users[i].username, demo_users[i].full_name,
                                          demo_users[i].role);
      const char *teams[N_REGIONS + 1];
      guint n_teams = 0;

      set_new_id (b, KONTOR_RECORD (user));
      kontor_record_set_created_at (KONTOR_RECORD (user), TEAM_CREATED + 60 * (i + 1));

      g_string_truncate (b->mail, 0);
      append_ascii (b->mail, demo_users[i].full_name, '.');
      g_string_append (b->mail, "@" OWN_DOMAIN);
      kontor_user_set_email (user, b->mail->str);

      for (guint r = 0; r < N_REGIONS; r++)
        {
          if ((demo_users[i].teams & (1 << r)) == 0)
            continue;
          teams[n_teams++] = b->team_ids[r];
          if (demo_users[i].role == KONTOR_USER_ROLE_SALES)
            b->sellers[r][b->n_sellers[r]++] = i;
          if (kontor_user_role_can_edit (demo_users[i].role))
            b->editors[r][b->n_editors[r]++] = i;
        }
      teams[n_teams] = NULL;
      kontor_user_set_teams (user, teams);

      if (demo_users[i].role == KONTOR_USER_ROLE_ADMIN && b->admin < 0)
        b->admin = i;

      b->user_ids[i] = kontor_record_get_id (KONTOR_RECORD (user));
      g_ptr_array_add (b->records, user);
    }

  g_assert (b->n_sellers[REGION_NORTH] > 0 && b->n_sellers[REGION_SOUTH] > 0);
}

/* ------------------------------------------------------------------------ */
/* Companies */

static const char *
pick_surname (Builder *b)
{
  return PICK (b->rand, german_last_names);
}

/* Writes a company name without its legal form into @out.
 * Returns: %TRUE for a trade named after its shop ("Bäckerei Großmann") */
static gboolean
append_company_name (Builder        *b,
                     GString        *out,
                     const Industry *industry,
                     const City     *city)
{
  guint n_suffixes = count_strings (industry->suffixes, G_N_ELEMENTS (industry->suffixes));
  guint n_prefixes = count_strings (industry->prefixes, G_N_ELEMENTS (industry->prefixes));
  const char *suffix = industry->suffixes[pick_index (b->rand, n_suffixes)];
  NamePattern pattern = pick_weighted (b->rand, name_pattern_weights, N_NAME_PATTERNS);
  const char *first;
  const char *second;
  guint x;

  if ((pattern == NAME_SHOP_SURNAME && n_prefixes == 0) ||
      (pattern == NAME_CITY_TRADE && city->adjective == NULL))
    pattern = NAME_SURNAME_TRADE;

  /* One random choice per statement: the order in which a call's
   * arguments are evaluated is up to the compiler, the sample is not. */
  switch (pattern)
    {
    case NAME_SHOP_SURNAME:
      first = industry->prefixes[pick_index (b->rand, n_prefixes)];
      g_string_append_printf (out, "%s %s", first, pick_surname (b));
      return TRUE;
    case NAME_FAMILY_FIRM:
      x = pick_index (b->rand, G_N_ELEMENTS (family_firms));
      g_string_append_printf (out, "%s%s%s %s", family_firms[x].before, pick_surname (b),
                              family_firms[x].after, suffix);
      break;
    case NAME_TWO_PARTNERS:
      first = pick_surname (b);
      do
        second = pick_surname (b);
      while (second == first);
      g_string_append_printf (out, "%s & %s %s", first, second, suffix);
      break;
    case NAME_FANTASY_TRADE:
      g_string_append_printf (out, "%s %s", PICK (b->rand, fantasy_names), suffix);
      break;
    case NAME_CITY_TRADE:
      g_string_append_printf (out, "%s %s", city->adjective, suffix);
      break;
    case NAME_SURNAME_TRADE:
    case N_NAME_PATTERNS:
    default:
      g_string_append_printf (out, "%s %s", pick_surname (b), suffix);
      break;
    }

  return FALSE;
}

static const LegalForm *
legal_forms_for (Country   country,
                 gboolean  shop,
                 guint    *n_forms)
{
  switch (country)
    {
    case COUNTRY_AT:
      *n_forms = G_N_ELEMENTS (legal_forms_at);
      return legal_forms_at;
    case COUNTRY_CH:
      *n_forms = G_N_ELEMENTS (legal_forms_ch);
      return legal_forms_ch;
    case COUNTRY_DE:
    case N_COUNTRIES:
    default:
      *n_forms = shop ? G_N_ELEMENTS (legal_forms_shop) : G_N_ELEMENTS (legal_forms_de);
      return shop ? legal_forms_shop : legal_forms_de;
    }
}

/* Writes a new company's name without its legal form into b->name.
 * Returns: the legal form */
static const char *
make_company_name (Builder        *b,
                   const Industry *industry,
                   const City     *city,
                   GHashTable     *names)
{
  const char *legal_form = NULL;

  /* Rare twins are fine at 100 000 contacts; a few tries keep them rare. */
  for (guint attempt = 0; attempt < NAME_ATTEMPTS; attempt++)
    {
      const LegalForm *forms;
      guint n_forms;
      gboolean shop;

      g_string_truncate (b->text, 0);
      shop = append_company_name (b, b->text, industry, city);
      g_string_truncate (b->name, 0);
      append_regional (b->name, b->text->str, city->country);
      forms = legal_forms_for (city->country, shop, &n_forms);
      legal_form = pick_legal_form (b->rand, forms, n_forms);

      g_string_printf (b->text, "%s %s", b->name->str, legal_form);
      if (!g_hash_table_contains (names, b->text->str))
        break;
    }

  return legal_form;
}

static char *
dup_domain (Builder    *b,
            const char *name,
            Country     country)
{
  g_string_truncate (b->text, 0);
  append_ascii (b->text, name, '-');

  /* a long name keeps its first two words: "alpenblick-hotel" */
  if (b->text->len > MAX_SLUG_LENGTH)
    {
      const char *dash = strchr (b->text->str, '-');

      if (dash != NULL)
        dash = strchr (dash + 1, '-');
      if (dash != NULL)
        g_string_truncate (b->text, dash - b->text->str);
    }

  return g_strconcat (b->text->str, ".", countries[country].tld, NULL);
}

static void
add_company (Builder    *b,
             guint       index,
             GHashTable *names)
{
  DemoCompany *info = &b->companies[index];
  const char *reps[3] = { NULL, };
  const Industry *industry;
  const char *legal_form;
  KontorCompany *company;
  KontorRecord *record;
  Country country;
  char extension[4];

  if (index < G_N_ELEMENTS (showcase_companies))
    {
      info->city = find_city (showcase_companies[index].city);
      industry = find_industry (showcase_companies[index].industry);
      g_string_truncate (b->name, 0);
      append_regional (b->name, showcase_companies[index].name, info->city->country);
      legal_form = showcase_companies[index].legal_form;
    }
  else
    {
      info->city = pick_city (b);
      industry = &PICK (b->rand, industries);
      legal_form = make_company_name (b, industry, info->city, names);
    }
  country = info->city->country;

  info->domain = dup_domain (b, b->name->str, country);
  g_string_append_c (b->name, ' ');
  g_string_append (b->name, legal_form);
  g_hash_table_add (names, g_strdup (b->name->str));

  company = kontor_company_new (b->name->str);
  record = KONTOR_RECORD (company);
  info->company = company;
  set_new_id (b, record);
  info->created_at = spread_time (b, index, b->n_companies, COMPANIES_START, COMPANIES_END);
  kontor_record_set_created_at (record, info->created_at);
  info->numbered = chance (b->rand, 50);

  g_string_truncate (b->text, 0);
  append_street (b, b->text, country);
  kontor_company_set_street (company, b->text->str);
  kontor_company_set_postal_code (company, info->city->postal_code);
  kontor_company_set_city (company, info->city->name);
  kontor_company_set_country (company, countries[country].name);
  kontor_company_set_industry (company, industry->name);

  g_string_printf (b->text, "www.%s", info->domain);
  kontor_company_set_website (company, b->text->str);

  g_string_printf (b->mail, "info@%s", info->domain);
  add_channel (b, "work", b->mail->str);
  if (chance (b->rand, 25))
    {
      g_string_printf (b->mail, "%s@%s", PICK (b->rand, company_mailboxes), info->domain);
      add_channel (b, "work", b->mail->str);
    }
  take_channels (b, record, KONTOR_COMPANY_FIELD_EMAILS);

  /* The switchboard ends in 0; people have extensions (DIN 5008). */
  make_phone_root (b, info->city, info->phone_root);
  g_string_truncate (b->text, 0);
  append_phone (b->text, country, info->city->area_code, info->phone_root, "0",
                pick_weighted (b->rand, landline_style_weights, N_PHONE_STYLES));
  add_channel (b, "work", b->text->str);
  if (chance (b->rand, 40))
    {
      if (country == COUNTRY_CH)
        g_strlcpy (extension, "9", sizeof extension);
      else
        g_snprintf (extension, sizeof extension, "%u", 9 + 10 * pick_index (b->rand, 10));
      g_string_truncate (b->text, 0);
      append_phone (b->text, country, info->city->area_code, info->phone_root, extension,
                    pick_weighted (b->rand, landline_style_weights, N_PHONE_STYLES));
      add_channel (b, "fax", b->text->str);
    }
  take_channels (b, record, KONTOR_COMPANY_FIELD_PHONES);

  info->sales_rep = reps[0] = pick_sales_rep (b, region_of (info->city));
  if (chance (b->rand, 10))
    reps[1] = pick_other_sales_rep (b, info->sales_rep);
  kontor_company_set_sales_reps (company, reps);

  if (chance (b->rand, 10))
    kontor_company_set_notes (company, PICK (b->rand, company_notes));
  if (chance (b->rand, 70))
    kontor_company_set_last_activity_at (company,
                                         REFERENCE_TIME -
                                         (gint64) (g_rand_double (b->rand) * ACTIVITY_WINDOW));

  g_ptr_array_add (b->records, company);
}

/* ------------------------------------------------------------------------ */
/* Customer numbers */

static void
give_number (Builder      *b,
             KontorRecord *record,
             guint         index,
             gint64        created_at)
{
  char number[32] = "K-";
  char *p;

  p = put_number (number + 2, year_of (created_at), 4);
  *p++ = '-';
  put_number (p, ++b->n_numbers, 5);
  kontor_record_set_string (record, index, number);
}

/* One number range serves companies and contacts, handing out numbers in
 * the order the records were created: numbers rise with the years. */
static void
number_companies_until (Builder *b,
                        gint64   until)
{
  for (; b->next_numbered < b->n_companies; b->next_numbered++)
    {
      DemoCompany *info = &b->companies[b->next_numbered];

      if (info->created_at > until)
        break;
      if (info->numbered)
        give_number (b, KONTOR_RECORD (info->company), KONTOR_COMPANY_FIELD_CUSTOMER_NUMBER,
                     info->created_at);
    }
}

/* ------------------------------------------------------------------------ */
/* Contacts */

static const char *
pick_title (Builder *b,
            Country  country)
{
  guint x = pick_index (b->rand, 100);

  if (country == COUNTRY_AT && x < 6)
    return x < 4 ? "Mag." : "Ing.";
  if (x >= 6 && x < 12)
    return "Dr.";
  if (x == 12)
    return "Prof. Dr.";
  if (x == 13 || x == 14)
    return "Dipl.-Ing.";

  return NULL;
}

static void
add_private_mail (Builder    *b,
                  const char *first,
                  const char *last,
                  Country     country)
{
  MailStyle style = pick_weighted (b->rand, private_mail_weights, N_MAIL_STYLES);
  const char *domain;

  switch (country)
    {
    case COUNTRY_AT:
      domain = PICK (b->rand, private_mail_at);
      break;
    case COUNTRY_CH:
      domain = PICK (b->rand, private_mail_ch);
      break;
    case COUNTRY_DE:
    case N_COUNTRIES:
    default:
      domain = PICK (b->rand, private_mail_de);
      break;
    }

  g_string_truncate (b->mail, 0);
  append_mail_local (b->mail, first, last, style);
  /* the common names are taken at the big providers */
  if (chance (b->rand, 40))
    {
      char digits[4];

      put_number (digits, pick_index (b->rand, 100), 2);
      g_string_append (b->mail, digits);
    }
  g_string_append_c (b->mail, '@');
  g_string_append (b->mail, domain);
  add_channel (b, "home", b->mail->str);
}

static void
add_contact (Builder *b,
             guint    index,
             guint    n_contacts)
{
  KontorContact *contact = kontor_contact_new ();
  KontorRecord *record = KONTOR_RECORD (contact);
  DemoCompany *company = NULL;
  const City *city;
  const FirstName *first;
  const char *last;
  KontorContactStatus status;
  Origin origin;
  gint64 created_at;
  const char *reps[3] = { NULL, };
  const char *assignees[3] = { NULL, };
  char buffer[32];
  guint x;

  set_new_id (b, record);
  created_at = spread_time (b, index, n_contacts, CONTACTS_START, CONTACTS_END);
  kontor_record_set_created_at (record, created_at);

  /* A few private persons buy too. */
  if (chance (b->rand, 92))
    {
      company = &b->companies[pick_index (b->rand, b->n_companies)];
      city = company->city;
      kontor_contact_set_company_id (contact,
                                     kontor_record_get_id (KONTOR_RECORD (company->company)));
    }
  else
    city = pick_city (b);

  origin = pick_weighted (b->rand, origin_weights[city->country], N_ORIGINS);
  first = &name_pools[origin].first_names[pick_index (b->rand, name_pools[origin].n_first_names)];
  last = name_pools[origin].last_names[pick_index (b->rand, name_pools[origin].n_last_names)];
  kontor_contact_set_first_name (contact, first->name);
  kontor_contact_set_last_name (contact, last);
  if (chance (b->rand, 92))
    kontor_contact_set_salutation (contact, first->gender == GENDER_MALE ? KONTOR_SALUTATION_MR
                                                                         : KONTOR_SALUTATION_MS);
  if (origin == ORIGIN_GERMAN)
    kontor_contact_set_title (contact, pick_title (b, city->country));
  else if (chance (b->rand, 3))
    kontor_contact_set_title (contact, "Dr.");
  kontor_contact_set_language (contact, name_pools[origin].language);

  /* E-mail: the work address first, as people are written to at work */
  if (company != NULL)
    {
      if (origin == ORIGIN_ENGLISH && chance (b->rand, 50))
        kontor_contact_set_job_title (contact, PICK (b->rand, english_job_titles));
      else if (chance (b->rand, 95))
        {
          x = pick_index (b->rand, G_N_ELEMENTS (job_titles));
          kontor_contact_set_job_title (contact, first->gender == GENDER_MALE
                                                 ? job_titles[x].male : job_titles[x].female);
        }

      g_string_truncate (b->mail, 0);
      append_mail_local (b->mail, first->name, last,
                         pick_weighted (b->rand, work_mail_weights, N_MAIL_STYLES));
      g_string_append_c (b->mail, '@');
      g_string_append (b->mail, company->domain);
      add_channel (b, "work", b->mail->str);
      if (chance (b->rand, 15))
        add_private_mail (b, first->name, last, city->country);
    }
  else
    {
      add_private_mail (b, first->name, last, city->country);
      if (chance (b->rand, 10))
        add_private_mail (b, first->name, last, city->country);
    }
  take_channels (b, record, KONTOR_CONTACT_FIELD_EMAILS);

  /* Phones: the direct line at work, a mobile, at home a landline */
  if (company != NULL && chance (b->rand, 85))
    {
      format_extension (b, city, buffer);
      g_string_truncate (b->text, 0);
      append_phone (b->text, city->country, city->area_code, company->phone_root, buffer,
                    pick_weighted (b->rand, landline_style_weights, N_PHONE_STYLES));
      add_channel (b, "work", b->text->str);
    }
  if (b->channels->len == 0 || chance (b->rand, 35))
    {
      g_string_truncate (b->text, 0);
      append_mobile (b, b->text, city->country);
      add_channel (b, "mobile", b->text->str);
    }
  if (company == NULL && chance (b->rand, 40))
    {
      random_digits (b, buffer, subscriber_length (b, city));
      g_string_truncate (b->text, 0);
      append_phone (b->text, city->country, city->area_code, buffer, NULL,
                    pick_weighted (b->rand, landline_style_weights, N_PHONE_STYLES));
      add_channel (b, "home", b->text->str);
    }
  take_channels (b, record, KONTOR_CONTACT_FIELD_PHONES);

  if (company == NULL)
    {
      g_string_truncate (b->text, 0);
      append_street (b, b->text, city->country);
      kontor_contact_set_street (contact, b->text->str);
      kontor_contact_set_postal_code (contact, city->postal_code);
      kontor_contact_set_city (contact, city->name);
      kontor_contact_set_country (contact, countries[city->country].name);
    }

  if (chance (b->rand, 30))
    {
      /* 22 to 67 years old */
      format_date (buffer, REFERENCE_JULIAN - 22 * 365 - pick_index (b->rand, 45 * 365));
      kontor_contact_set_birthday (contact, buffer);
    }
  if (chance (b->rand, 20))
    kontor_contact_set_notes (contact, PICK (b->rand, contact_notes));

  status = pick_weighted (b->rand, status_weights, N_STATUSES);
  kontor_contact_set_status (contact, status);
  if (status == KONTOR_CONTACT_STATUS_ARCHIVED)
    kontor_contact_set_previous_status (contact, chance (b->rand, 55)
                                                 ? KONTOR_CONTACT_STATUS_CUSTOMER
                                                 : KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_contact_set_is_lead (contact, chance (b->rand, lead_percent[status]));
  kontor_contact_set_pipeline_status_id (contact,
                                         pipeline_ids[pick_weighted (b->rand,
                                                                     pipeline_weights[status],
                                                                     G_N_ELEMENTS (pipeline_ids))]);

  number_companies_until (b, created_at);
  if ((status == KONTOR_CONTACT_STATUS_CUSTOMER && chance (b->rand, 85)) ||
      (status == KONTOR_CONTACT_STATUS_ARCHIVED &&
       kontor_contact_get_previous_status (contact) == KONTOR_CONTACT_STATUS_CUSTOMER &&
       chance (b->rand, 70)))
    give_number (b, record, KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER, created_at);

  /* Sales reps: mostly the company's own, sometimes a second colleague */
  x = pick_index (b->rand, 100);
  if (x < 96)
    {
      if (company != NULL && chance (b->rand, 70))
        reps[0] = company->sales_rep;
      else
        reps[0] = pick_sales_rep (b, region_of (city));
      if (x >= 88)
        reps[1] = pick_other_sales_rep (b, reps[0]);
      kontor_contact_set_sales_reps (contact, reps);
    }

  /* Assignment: a colleague (often the rep), two, the team, or nobody */
  x = pick_index (b->rand, 100);
  if (x < 60)
    {
      Region region = region_of (city);

      if (reps[0] != NULL && chance (b->rand, 50))
        assignees[0] = reps[0];
      else
        assignees[0] = b->user_ids[b->editors[region][pick_index (b->rand,
                                                                  b->n_editors[region])]];
      if (x >= 55)
        {
          assignees[1] = b->user_ids[b->editors[region][pick_index (b->rand,
                                                                    b->n_editors[region])]];
          if (assignees[1] == assignees[0])
            assignees[1] = NULL;
        }
      kontor_contact_set_assignees (contact, assignees);
    }
  else if (x < 70)
    kontor_contact_set_assigned_team_id (contact, b->team_ids[region_of (city)]);

  if (chance (b->rand, kontor_contact_status_is_restricted (status) ? 10 : 28))
    {
      /* three weeks overdue to six weeks ahead, on a working day */
      format_date (buffer, skip_weekend (REFERENCE_JULIAN - 21 + pick_index (b->rand, 67)));
      kontor_contact_set_due_date (contact, buffer);
    }

  if (chance (b->rand, status == KONTOR_CONTACT_STATUS_INBOX ? 35 : 88))
    {
      gint64 window = MIN (ACTIVITY_WINDOW, REFERENCE_TIME - created_at);

      kontor_contact_set_last_activity_at (contact,
                                           REFERENCE_TIME -
                                           (gint64) (g_rand_double (b->rand) * window));
    }

  /* In its column for up to a month, but not before it existed (FEATURES
   * X7); from the index, so that the random choices stay as they were */
  kontor_contact_set_pipeline_entered_at (contact,
                                          MAX (created_at,
                                               REFERENCE_TIME -
                                               (gint64) ((index * 7919u) % 31u) * DAY));

  /* Fresh arrivals in "Neue Kontakte" nobody has handled yet: no activity,
   * red on the board until someone does something (FEATURES P3) */
  if (g_str_equal (kontor_contact_get_pipeline_status_id (contact), pipeline_ids[0]) &&
      !kontor_contact_status_is_restricted (status) && chance (b->rand, 45))
    {
      kontor_contact_set_is_new (contact, TRUE);
      kontor_contact_set_last_activity_at (contact, 0);
    }

  g_ptr_array_add (b->records, contact);
}

/**
 * kontor_demo_build:
 * @n_contacts: how many contacts
 * @seed: the seed of the random choices
 *
 * Builds, but does not store, a sample sales team: two teams, their users,
 * about one company per eight contacts (at least five), then the contacts,
 * in the order they must be saved. Every record has its id, and contacts
 * refer to companies, users, teams and the built-in pipeline statuses by
 * id. The same @n_contacts and @seed give the same records, ids included,
 * whatever the clock says; dates are relative to 2026-11-24.
 *
 * May be called from any thread.
 *
 * Returns: (transfer full) (element-type KontorRecord): the records
 */
GPtrArray *
kontor_demo_build (guint   n_contacts,
                   guint32 seed)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Builder b = { NULL, };

  b.n_companies = MAX (MIN_COMPANIES, n_contacts / CONTACTS_PER_COMPANY);
  b.rand = g_rand_new_with_seed (seed);
  b.records = g_ptr_array_new_full (N_REGIONS + N_USERS + b.n_companies + n_contacts,
                                    g_object_unref);
  b.companies = g_new0 (DemoCompany, b.n_companies);
  b.name = g_string_sized_new (64);
  b.text = g_string_sized_new (64);
  b.mail = g_string_sized_new (64);
  b.channels = kontor_channel_array_new ();

  add_team_and_users (&b);
  for (guint i = 0; i < b.n_companies; i++)
    add_company (&b, i, names);
  for (guint i = 0; i < n_contacts; i++)
    add_contact (&b, i, n_contacts);
  number_companies_until (&b, G_MAXINT64);

  for (guint i = 0; i < b.n_companies; i++)
    g_free (b.companies[i].domain);
  g_free (b.companies);
  g_ptr_array_unref (b.channels);
  g_string_free (b.name, TRUE);
  g_string_free (b.text, TRUE);
  g_string_free (b.mail, TRUE);
  g_rand_free (b.rand);

  return b.records;
}

/* ------------------------------------------------------------------------ */
/* Storing */

static gint64
running_number (const char *customer_number)
{
  const char *dash = customer_number != NULL ? strrchr (customer_number, '-') : NULL;

  return dash != NULL ? g_ascii_strtoll (dash + 1, NULL, 10) : 0;
}

/* Lets "Nummer erzeugen" continue after the sample's numbers instead of
 * probing them one by one. A transaction of its own: the range is a
 * setting, and the sample is complete without it. */
static gboolean
continue_number_range (KontorStore  *store,
                       GPtrArray    *records,
                       GError      **error)
{
  KontorNumberRange range = { NULL, };
  gint64 last = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);
      const char *number = NULL;

      if (KONTOR_IS_CONTACT (record))
        number = kontor_contact_get_customer_number (KONTOR_CONTACT (record));
      else if (KONTOR_IS_COMPANY (record))
        number = kontor_company_get_customer_number (KONTOR_COMPANY (record));
      last = MAX (last, running_number (number));
    }

  if (!kontor_store_get_number_range (store, &range, error))
    return FALSE;

  if (range.next_value <= last)
    {
      range.next_value = last + 1;
      ok = kontor_store_set_number_range (store, &range, error);
    }
  kontor_number_range_clear (&range);

  return ok;
}

/* The team marks cards stale (FEATURES X7) after three weeks "In
 * Bearbeitung" and four with an offer out */
static gboolean
set_stale_days (KontorStore  *store,
                GError      **error)
{
  static const struct {
    guint  column;
    gint64 days;
  } limits[] = { { 1, 21 }, { 3, 28 } };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autoptr(KontorPipelineStatus) status =
        kontor_store_load (store, KONTOR_TYPE_PIPELINE_STATUS, pipeline_ids[limits[i].column],
                           error);

      if (status == NULL)
        return FALSE;
      kontor_pipeline_status_set_stale_days (status, limits[i].days);
      if (!kontor_store_save (store, KONTOR_RECORD (status), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_demo_populate:
 * @store: a store without contacts
 * @n_contacts: how many contacts
 * @seed: the seed of the random choices, %KONTOR_DEMO_DEFAULT_SEED for the
 *   sample everyone knows from the screenshots
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Builds the sample team with kontor_demo_build() and saves it in one
 * transaction: all of it or, on an error or cancellation, nothing. A
 * database that already holds contacts is refused with
 * %KONTOR_STORE_ERROR_INVALID, so that sample data never mixes with real
 * data. Afterwards the customer number range continues after the sample's
 * numbers.
 *
 * Blocks; call it from the thread that uses @store.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_demo_populate (KontorStore   *store,
                      guint          n_contacts,
                      guint32        seed,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  gint64 n_existing;

  g_return_val_if_fail (KONTOR_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  n_existing = kontor_store_count (store, KONTOR_TYPE_CONTACT, error);
  if (n_existing < 0)
    return FALSE;
  if (n_existing > 0)
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                   /* Translators: %s is the path of a database file */
                   _("“%s” already holds contacts. Sample data is only added to an empty "
                     "database, so that it never mixes with real contacts."),
                   kontor_store_get_path (store));
      return FALSE;
    }

  records = kontor_demo_build (n_contacts, seed);
  if (!kontor_store_save_all (store, records, cancellable, error) ||
      !set_stale_days (store, error))
    return FALSE;

  return continue_number_range (store, records, error);
}
