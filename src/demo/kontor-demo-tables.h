/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The sample team's tables: cities, names, job titles, industries, legal
 * forms, the team and its board, and the weights of every random choice.
 * Data only, included by kontor-demo.c alone (as GLib's gunichartables.h
 * is by guniprop.c). */

#pragma once

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
