<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Workbench for GraphQL over PostgreSQL</source>
        <translation>Werkbank für GraphQL über PostgreSQL</translation>
    </message>
    <message>
        <source>Connect to this PostgreSQL URI or conninfo at start-up.</source>
        <translation>Beim Start mit dieser PostgreSQL-URI oder diesem Conninfo-String verbinden.</translation>
    </message>
    <message>
        <source>Demo mode: reflect schema forum_example of --db.</source>
        <translation>Demo-Modus: das Schema forum_example von --db reflektieren.</translation>
    </message>
    <message>
        <source>Schemas to reflect with --db (comma-separated).</source>
        <translation>Mit --db zu reflektierende Schemas (durch Kommas getrennt).</translation>
    </message>
</context>
<context>
    <name>refract::ui::CatalogModel</name>
    <message>
        <source>primary key</source>
        <translation>Primärschlüssel</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <source>foreign key</source>
        <translation>Fremdschlüssel</translation>
    </message>
    <message>
        <source>check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>exclusion</source>
        <translation>Exclusion</translation>
    </message>
    <message>
        <source>%1 — FOR %2 TO %3%4</source>
        <translation>%1 — FOR %2 TO %3%4</translation>
    </message>
    <message>
        <source> (restrictive)</source>
        <translation> (restriktiv)</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>view</source>
        <translation>Sicht</translation>
    </message>
    <message>
        <source> · row level security enabled</source>
        <translation> · Row Level Security aktiv</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Constraints</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Policies</translation>
    </message>
    <message>
        <source>Row level security policies</source>
        <translation>Row-Level-Security-Policies</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Sichten</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <source>%1 (enum: %2)</source>
        <translation>%1 (Enum: %2)</translation>
    </message>
    <message>
        <source>%1 (domain over %2)</source>
        <translation>%1 (Domäne über %2)</translation>
    </message>
    <message>
        <source>%1 (range of %2)</source>
        <translation>%1 (Bereich von %2)</translation>
    </message>
    <message>
        <source>%1 (composite)</source>
        <translation>%1 (zusammengesetzt)</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>Typen</translation>
    </message>
</context>
<context>
    <name>refract::ui::ConnectionBar</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Preset:</translation>
    </message>
    <message>
        <source>Naming and shaping rules of the generated GraphQL schema</source>
        <translation>Namens- und Formregeln des erzeugten GraphQL-Schemas</translation>
    </message>
    <message>
        <source>Identity:</source>
        <translation>Identität:</translation>
    </message>
    <message>
        <source>The role and claims queries run with (Ctrl+I)</source>
        <translation>Rolle und Claims, mit denen Abfragen laufen (Strg+I)</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Could not connect to %1</source>
        <translation>Verbindung mit %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Connection role</source>
        <translation>Rolle der Verbindung</translation>
    </message>
</context>
<context>
    <name>refract::ui::DocsView</name>
    <message>
        <source>deprecated</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>… and %1 more: filter the explorer to find one.</source>
        <translation>… und %1 weitere: filtern Sie den Explorer, um einen zu finden.</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>object type</source>
        <translation>Objekttyp</translation>
    </message>
    <message>
        <source>interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>union</source>
        <translation>Union</translation>
    </message>
    <message>
        <source>enum</source>
        <translation>Enum</translation>
    </message>
    <message>
        <source>input object</source>
        <translation>Eingabeobjekt</translation>
    </message>
    <message>
        <source>Select a type or a field in the explorer to read its documentation here.</source>
        <translation>Wählen Sie im Explorer einen Typ oder ein Feld, um hier seine Dokumentation zu lesen.</translation>
    </message>
    <message>
        <source>No type named %1 in this schema.</source>
        <translation>Kein Typ namens %1 in diesem Schema.</translation>
    </message>
    <message>
        <source> · query root</source>
        <translation> · Query-Wurzel</translation>
    </message>
    <message>
        <source> · mutation root</source>
        <translation> · Mutation-Wurzel</translation>
    </message>
    <message>
        <source> · subscription root</source>
        <translation> · Subscription-Wurzel</translation>
    </message>
    <message>
        <source> · implements %1</source>
        <translation> · implementiert %1</translation>
    </message>
    <message>
        <source>Specified by</source>
        <translation>Spezifiziert durch</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Input fields</source>
        <translation>Eingabefelder</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Possible types</source>
        <translation>Mögliche Typen</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>Verwendet von</translation>
    </message>
    <message>
        <source>… loading the other %1.</source>
        <translation>… die übrigen %1 werden geladen.</translation>
    </message>
</context>
<context>
    <name>refract::ui::EndpointDialog</name>
    <message>
        <source>By &amp;introspection</source>
        <translation>Per &amp;Introspektion</translation>
    </message>
    <message>
        <source>From an SDL &amp;file:</source>
        <translation>Aus einer SDL-&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Connect to GraphQL Endpoint</source>
        <translation>Mit GraphQL-Endpunkt verbinden</translation>
    </message>
    <message>
        <source>(no recent endpoints)</source>
        <translation>(keine zuletzt genutzten Endpunkte)</translation>
    </message>
    <message>
        <source>(choose a recent endpoint)</source>
        <translation>(zuletzt genutzten Endpunkt wählen)</translation>
    </message>
    <message>
        <source>%1 — headers: %2</source>
        <translation>%1 — Header: %2</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheim</translation>
    </message>
    <message>
        <source>Sent with every request. Values of Authorization, x-api-key and headers marked secret are kept in the keychain, never in settings or the workspace file.</source>
        <translation>Wird mit jeder Anfrage gesendet. Werte von Authorization, x-api-key und als geheim markierten Headern liegen im Schlüsselbund, nie in Einstellungen oder der Arbeitsbereichsdatei.</translation>
    </message>
    <message>
        <source>&amp;Add Header</source>
        <translation>Header &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Schema of the Endpoint</source>
        <translation>Schema des Endpunkts</translation>
    </message>
    <message>
        <source>GraphQL SDL (*.graphql *.graphqls *.gql *.sdl);;All files (*)</source>
        <translation>GraphQL-SDL (*.graphql *.graphqls *.gql *.sdl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Introspect the endpoint now (without connecting)</source>
        <translation>Den Endpunkt jetzt introspektieren (ohne zu verbinden)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation>Zuletzt:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>Header:</translation>
    </message>
    <message>
        <source>Schema:</source>
        <translation>Schema:</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL.</source>
        <translation>Geben Sie eine http://- oder https://-URL ein.</translation>
    </message>
    <message>
        <source>Cancel &amp;Test</source>
        <translation>&amp;Test abbrechen</translation>
    </message>
    <message>
        <source>Introspecting %1…</source>
        <translation>Introspektiere %1…</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>OK: %1 types (query root %2) in %3 ms.</source>
        <translation>OK: %1 Typen (Query-Wurzel %2) in %3 ms.</translation>
    </message>
    <message>
        <source>Choose a readable SDL file, or introspection.</source>
        <translation>Wählen Sie eine lesbare SDL-Datei oder Introspektion.</translation>
    </message>
</context>
<context>
    <name>refract::ui::EventLog</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
</context>
<context>
    <name>refract::ui::ExplorerWidget</name>
    <message>
        <source>Filter types, fields, tables…</source>
        <translation>Typen, Felder, Tabellen filtern…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>GraphQL</source>
        <translation>GraphQL</translation>
    </message>
    <message>
        <source>Types shown: %1</source>
        <translation>Angezeigte Typen: %1</translation>
    </message>
    <message>
        <source>No GraphQL schema yet</source>
        <translation>Noch kein GraphQL-Schema</translation>
    </message>
    <message>
        <source>Schemas shown: %1</source>
        <translation>Angezeigte Schemas: %1</translation>
    </message>
    <message>
        <source>Not connected to a database</source>
        <translation>Nicht mit einer Datenbank verbunden</translation>
    </message>
</context>
<context>
    <name>refract::ui::GraphQLLexer</name>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Schlüsselwort</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type name</source>
        <translation>Typname</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Directive</source>
        <translation>Direktive</translation>
    </message>
    <message>
        <source>String</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>Block string</source>
        <translation>Blockzeichenkette</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>Punctuation</source>
        <translation>Satzzeichen</translation>
    </message>
</context>
<context>
    <name>refract::ui::GraphQLTypeModel</name>
    <message>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>Interfaces</translation>
    </message>
    <message>
        <source>Unions</source>
        <translation>Unions</translation>
    </message>
    <message>
        <source>Enums</source>
        <translation>Enums</translation>
    </message>
    <message>
        <source>Input objects</source>
        <translation>Eingabeobjekte</translation>
    </message>
    <message>
        <source>Scalars</source>
        <translation>Skalare</translation>
    </message>
</context>
<context>
    <name>refract::ui::HistoryView</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Ran as</source>
        <translation>Ausgeführt als</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Double-click to open an operation again in a new tab</source>
        <translation>Doppelklick öffnet eine Operation erneut in einem neuen Tab</translation>
    </message>
    <message>
        <source>, dry run</source>
        <translation>, Probelauf</translation>
    </message>
</context>
<context>
    <name>refract::ui::JsonIndex</name>
    <message>
        <source>not a JSON object or array</source>
        <translation>kein JSON-Objekt und kein JSON-Array</translation>
    </message>
    <message>
        <source>unexpected text after the JSON value at byte %1</source>
        <translation>unerwarteter Text nach dem JSON-Wert bei Byte %1</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <source>unbalanced &apos;%1&apos; at byte %2</source>
        <translation>unausgeglichenes „%1“ bei Byte %2</translation>
    </message>
    <message>
        <source>mismatched &apos;%1&apos; at byte %2</source>
        <translation>nicht passendes „%1“ bei Byte %2</translation>
    </message>
    <message>
        <source>empty document</source>
        <translation>leeres Dokument</translation>
    </message>
    <message>
        <source>the document ends inside a value</source>
        <translation>das Dokument endet innerhalb eines Werts</translation>
    </message>
</context>
<context>
    <name>refract::ui::JsonTableModel</name>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>refract::ui::JsonTreeModel</name>
    <message>
        <source>response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>string</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>Boolean</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>refract::ui::JwtDecoder</name>
    <message>
        <source>Paste a token: eyJhbGciOi…</source>
        <translation>Token einfügen: eyJhbGciOi…</translation>
    </message>
    <message>
        <source>Secret or PEM public key, to check the signature (kept in memory only)</source>
        <translation>Geheimnis oder öffentlicher PEM-Schlüssel zur Signaturprüfung (nur im Speicher gehalten)</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>Claims</translation>
    </message>
    <message>
        <source>No token.</source>
        <translation>Kein Token.</translation>
    </message>
    <message>
        <source>Not a JWT: %1</source>
        <translation>Kein JWT: %1</translation>
    </message>
    <message>
        <source>Issued %1</source>
        <translation>Ausgestellt %1</translation>
    </message>
    <message>
        <source>EXPIRED %1</source>
        <translation>ABGELAUFEN %1</translation>
    </message>
    <message>
        <source>expires %1 (in %2 min)</source>
        <translation>läuft ab %1 (in %2 Min.)</translation>
    </message>
    <message>
        <source>never expires (no exp)</source>
        <translation>läuft nie ab (kein exp)</translation>
    </message>
    <message>
        <source>signature not checked (no key)</source>
        <translation>Signatur nicht geprüft (kein Schlüssel)</translation>
    </message>
    <message>
        <source>signature valid</source>
        <translation>Signatur gültig</translation>
    </message>
    <message>
        <source>signature valid, but: %1</source>
        <translation>Signatur gültig, aber: %1</translation>
    </message>
    <message>
        <source>signature check failed: %1</source>
        <translation>Signaturprüfung fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>refract::ui::MainWindow</name>
    <message>
        <source>Refract</source>
        <translation>Refract</translation>
    </message>
    <message>
        <source>Identity: %1</source>
        <translation>Identität: %1</translation>
    </message>
    <message>
        <source>A saved identity profile was skipped: %1</source>
        <translation>Ein gespeichertes Identitätsprofil wurde übersprungen: %1</translation>
    </message>
    <message>
        <source>Refract %1 ready</source>
        <translation>Refract %1 bereit</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run the operation in the current tab</source>
        <translation>Die Operation im aktuellen Tab ausführen</translation>
    </message>
    <message>
        <source>&amp;Dry Run</source>
        <translation>&amp;Probelauf</translation>
    </message>
    <message>
        <source>Roll back instead of committing: mutations change nothing</source>
        <translation>Zurückrollen statt bestätigen: Mutationen ändern nichts</translation>
    </message>
    <message>
        <source>Identity &amp;Profiles…</source>
        <translation>Identitätspro&amp;file…</translation>
    </message>
    <message>
        <source>Edit identity profiles and decode JWTs</source>
        <translation>Identitätsprofile bearbeiten und JWTs dekodieren</translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation>Als c&amp;URL kopieren</translation>
    </message>
    <message>
        <source>Copy the operation under the cursor as a cURL command</source>
        <translation>Die Operation unter dem Cursor als cURL-Befehl kopieren</translation>
    </message>
    <message>
        <source>&amp;Prettify</source>
        <translation>&amp;Formatieren</translation>
    </message>
    <message>
        <source>Reformat the document</source>
        <translation>Das Dokument neu formatieren</translation>
    </message>
    <message>
        <source>&amp;New Tab</source>
        <translation>&amp;Neuer Tab</translation>
    </message>
    <message>
        <source>Open a new query tab</source>
        <translation>Einen neuen Abfrage-Tab öffnen</translation>
    </message>
    <message>
        <source>Close the current query tab</source>
        <translation>Den aktuellen Abfrage-Tab schließen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Find text in the editor</source>
        <translation>Text im Editor suchen</translation>
    </message>
    <message>
        <source>Switch &amp;Identity…</source>
        <translation>&amp;Identität wechseln…</translation>
    </message>
    <message>
        <source>Choose the identity queries run as</source>
        <translation>Die Identität wählen, mit der Abfragen laufen</translation>
    </message>
    <message>
        <source>&amp;Connect to PostgreSQL…</source>
        <translation>Mit PostgreSQL &amp;verbinden…</translation>
    </message>
    <message>
        <source>Open a PostgreSQL connection</source>
        <translation>Eine PostgreSQL-Verbindung öffnen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>&amp;Reflect Again</source>
        <translation>Erneut &amp;reflektieren</translation>
    </message>
    <message>
        <source>Read the database catalog again and regenerate the schema</source>
        <translation>Den Datenbankkatalog erneut lesen und das Schema neu erzeugen</translation>
    </message>
    <message>
        <source>Reflect</source>
        <translation>Reflektieren</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Close the database connection</source>
        <translation>Die Datenbankverbindung schließen</translation>
    </message>
    <message>
        <source>Read a GraphQL schema from a .graphql SDL file</source>
        <translation>Ein GraphQL-Schema aus einer .graphql-SDL-Datei lesen</translation>
    </message>
    <message>
        <source>Filter &amp;Explorer</source>
        <translation>&amp;Explorer filtern</translation>
    </message>
    <message>
        <source>Type to filter types and tables</source>
        <translation>Tippen, um Typen und Tabellen zu filtern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit Refract</source>
        <translation>Refract beenden</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>Alle Tastenkürzel auflisten</translation>
    </message>
    <message>
        <source>&amp;About Refract</source>
        <translation>&amp;Über Refract</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Layout &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Put the docks back where they started</source>
        <translation>Die Docks an ihren Ausgangsplatz zurücklegen</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>Light theme</source>
        <translation>Helles Design</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>Dunkles Design</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>Ab&amp;frage</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Show or hide the %1 dock</source>
        <translation>Dock %1 ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>Explorer</translation>
    </message>
    <message>
        <source>Docs</source>
        <translation>Dokumentation</translation>
    </message>
    <message>
        <source>Event Log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Diagrams</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Query %1</source>
        <translation>Abfrage %1</translation>
    </message>
    <message>
        <source>Reading the password of %1 from the keychain…</source>
        <translation>Passwort für %1 wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>Connecting to %1, reflecting %2</source>
        <translation>Verbinde mit %1, reflektiere %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Open GraphQL Schema</source>
        <translation>GraphQL-Schema öffnen</translation>
    </message>
    <message>
        <source>GraphQL SDL (*.graphql *.graphqls *.gql *.sdl);;All files (*)</source>
        <translation>GraphQL-SDL (*.graphql *.graphqls *.gql *.sdl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Reading GraphQL schema from %1</source>
        <translation>Lese GraphQL-Schema aus %1</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>GraphQL schema from %1: %2 types</source>
        <translation>GraphQL-Schema aus %1: %2 Typen</translation>
    </message>
    <message>
        <source> (line %1, column %2)</source>
        <translation> (Zeile %1, Spalte %2)</translation>
    </message>
    <message>
        <source>Connection cancelled</source>
        <translation>Verbindung abgebrochen</translation>
    </message>
    <message>
        <source>Reading the SDL file cancelled</source>
        <translation>Lesen der SDL-Datei abgebrochen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Verbindung mit %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 — PostgreSQL %2, as %3</source>
        <translation>%1 — PostgreSQL %2, als %3</translation>
    </message>
    <message>
        <source>Connected: %1; tables, views and types read in %2 ms (relations: %3)</source>
        <translation>Verbunden: %1; Tabellen, Sichten und Typen in %2 ms gelesen (Relationen: %3)</translation>
    </message>
    <message>
        <source>GraphQL types generated: %1</source>
        <translation>Erzeugte GraphQL-Typen: %1</translation>
    </message>
    <message>
        <source>GraphQL types: %1</source>
        <translation>GraphQL-Typen: %1</translation>
    </message>
    <message>
        <source>Identity %1: %2</source>
        <translation>Identität %1: %2</translation>
    </message>
    <message>
        <source>Nothing to run</source>
        <translation>Nichts auszuführen</translation>
    </message>
    <message>
        <source>Connect to a database first (Ctrl+Shift+O).</source>
        <translation>Verbinden Sie sich zuerst mit einer Datenbank (Strg+Umschalt+O).</translation>
    </message>
    <message>
        <source>Copied a cURL command for %1</source>
        <translation>cURL-Befehl für %1 kopiert</translation>
    </message>
    <message>
        <source>About Refract</source>
        <translation>Über Refract</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Refract %1&lt;/h3&gt;&lt;p&gt;A workbench and engine for GraphQL over PostgreSQL.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Refract %1&lt;/h3&gt;&lt;p&gt;Eine Werkbank und Engine für GraphQL über PostgreSQL.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Serve this connection&apos;s GraphQL API on 127.0.0.1, as `refract-cli serve` does</source>
        <translation>Die GraphQL-API dieser Verbindung auf 127.0.0.1 bereitstellen, wie es `refract-cli serve` tut</translation>
    </message>
    <message>
        <source>Serving %1</source>
        <translation>Stelle %1 bereit</translation>
    </message>
    <message>
        <source>Stop &amp;Local Server</source>
        <translation>&amp;Lokalen Server stoppen</translation>
    </message>
    <message>
        <source>Local server did not start: %1</source>
        <translation>Lokaler Server ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Local server stopped</source>
        <translation>Lokaler Server gestoppt</translation>
    </message>
    <message>
        <source>Local server start cancelled</source>
        <translation>Start des lokalen Servers abgebrochen</translation>
    </message>
    <message>
        <source>Connect to a database first (Ctrl+Shift+O), then Run Locally.</source>
        <translation>Verbinden Sie sich zuerst mit einer Datenbank (Strg+Umschalt+O), dann „Lokal bereitstellen“.</translation>
    </message>
    <message>
        <source>Starting a local server for %1…</source>
        <translation>Starte einen lokalen Server für %1…</translation>
    </message>
    <message>
        <source>Connect to &amp;GraphQL Endpoint…</source>
        <translation>Mit &amp;GraphQL-Endpunkt verbinden…</translation>
    </message>
    <message>
        <source>Read a deployed GraphQL API&apos;s schema and run operations against it</source>
        <translation>Das Schema einer bereitgestellten GraphQL-API lesen und Operationen gegen sie ausführen</translation>
    </message>
    <message>
        <source>Connect to a GraphQL endpoint (%1)</source>
        <translation>Mit einem GraphQL-Endpunkt verbinden (%1)</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>identity: no headers</source>
        <translation>Identität: keine Header</translation>
    </message>
    <message>
        <source>identity: headers %1</source>
        <translation>Identität: Header %1</translation>
    </message>
    <message>
        <source>GraphQL endpoint %1 — %2 types; runs are sent over HTTP, %3</source>
        <translation>GraphQL-Endpunkt %1 — %2 Typen; Läufe gehen über HTTP, %3</translation>
    </message>
    <message>
        <source>%1 (remote)</source>
        <translation>%1 (entfernt)</translation>
    </message>
    <message>
        <source>Remote endpoint — %1 (edit them in File → Connect to GraphQL Endpoint… or a tab&apos;s headers)</source>
        <translation>Entfernter Endpunkt — %1 (bearbeiten unter Datei → Mit GraphQL-Endpunkt verbinden… oder in den Headern eines Tabs)</translation>
    </message>
    <message>
        <source>Connected to GraphQL endpoint %1: %2 types in %3 ms (%4)</source>
        <translation>Verbunden mit GraphQL-Endpunkt %1: %2 Typen in %3 ms (%4)</translation>
    </message>
    <message>
        <source>schema from %1</source>
        <translation>Schema aus %1</translation>
    </message>
    <message>
        <source>schema by introspection</source>
        <translation>Schema per Introspektion</translation>
    </message>
    <message>
        <source>Connecting to GraphQL endpoint %1, %2</source>
        <translation>Verbinde mit GraphQL-Endpunkt %1, %2</translation>
    </message>
    <message>
        <source>The role and claims queries run with (Ctrl+I)</source>
        <translation>Rolle und Claims, mit denen Abfragen laufen (Strg+I)</translation>
    </message>
    <message>
        <source>Run &amp;Locally…</source>
        <translation>&amp;Lokal bereitstellen…</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Copy the server&apos;s URL</source>
        <translation>Die URL des Servers kopieren</translation>
    </message>
    <message>
        <source>Copy curl</source>
        <translation>curl kopieren</translation>
    </message>
    <message>
        <source>A curl command for the current tab&apos;s operation, with the current identity&apos;s token</source>
        <translation>Ein curl-Befehl für die Operation des aktuellen Tabs, mit dem Token der aktuellen Identität</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Serving %1 (JWT)</source>
        <translation>Stelle %1 bereit (JWT)</translation>
    </message>
    <message>
        <source>the connection&apos;s role</source>
        <translation>die Rolle der Verbindung</translation>
    </message>
    <message>
        <source>Local server running at %1 (Copy as cURL points there); requests run as %2</source>
        <translation>Lokaler Server läuft unter %1 (Als cURL kopieren zeigt dorthin); Anfragen laufen als %2</translation>
    </message>
    <message>
        <source>Local server running at %1 (Copy as cURL points there); tokens are verified (%2 claims mapping), requests without one run as %3</source>
        <translation>Lokaler Server läuft unter %1 (Als cURL kopieren zeigt dorthin); Tokens werden geprüft (Claims-Zuordnung %2), Anfragen ohne Token laufen als %3</translation>
    </message>
    <message>
        <source>The local server is not running</source>
        <translation>Der lokale Server läuft nicht</translation>
    </message>
    <message>
        <source>Copied a curl command (the server verifies no tokens: it runs as %1)</source>
        <translation>curl-Befehl kopiert (der Server prüft keine Tokens: er läuft als %1)</translation>
    </message>
    <message>
        <source>Copied a curl command without a token (it runs as %1)</source>
        <translation>curl-Befehl ohne Token kopiert (er läuft als %1)</translation>
    </message>
    <message>
        <source>Could not sign a token for %1: %2</source>
        <translation>Für %1 konnte kein Token signiert werden: %2</translation>
    </message>
    <message>
        <source>Copied a curl command with a token for %1 (valid for an hour)</source>
        <translation>curl-Befehl mit einem Token für %1 kopiert (eine Stunde gültig)</translation>
    </message>
    <message>
        <source>The local server listens on %1, not only on this machine</source>
        <translation>Der lokale Server lauscht auf %1, nicht nur auf diesem Rechner</translation>
    </message>
    <message>
        <source>Local server: the profile %1 has no signing key</source>
        <translation>Lokaler Server: das Profil %1 hat keinen Signierschlüssel</translation>
    </message>
    <message>
        <source>Local server: no secret is stored for the signing key %1 (set it in Identity Profiles, Ctrl+Shift+I)</source>
        <translation>Lokaler Server: für den Signierschlüssel %1 ist kein Geheimnis gespeichert (in den Identitätsprofilen setzen, Strg+Umschalt+I)</translation>
    </message>
    <message>
        <source>Refract workspaces (*.refract-workspace.json *.json);;All files (*)</source>
        <translation>Refract-Arbeitsbereiche (*.refract-workspace.json *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New &amp;Workspace</source>
        <translation>Neuer &amp;Arbeitsbereich</translation>
    </message>
    <message>
        <source>Save this workspace and start an empty one</source>
        <translation>Diesen Arbeitsbereich speichern und einen leeren beginnen</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a workspace file (tabs, profiles, saved operations, history)</source>
        <translation>Eine Arbeitsbereichsdatei öffnen (Tabs, Profile, gespeicherte Operationen, Verlauf)</translation>
    </message>
    <message>
        <source>&amp;Save Workspace</source>
        <translation>Arbeitsbereich &amp;speichern</translation>
    </message>
    <message>
        <source>Write the workspace now (it is also saved as you type)</source>
        <translation>Den Arbeitsbereich jetzt schreiben (er wird auch beim Tippen gespeichert)</translation>
    </message>
    <message>
        <source>Save Workspace &amp;As…</source>
        <translation>Arbeitsbereich speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Write the workspace to a file of your choice and go on there</source>
        <translation>Den Arbeitsbereich in eine Datei Ihrer Wahl schreiben und dort weiterarbeiten</translation>
    </message>
    <message>
        <source>Save &amp;Operation…</source>
        <translation>&amp;Operation speichern…</translation>
    </message>
    <message>
        <source>Keep the current tab&apos;s operation under a name in the workspace</source>
        <translation>Die Operation des aktuellen Tabs unter einem Namen im Arbeitsbereich behalten</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Could not start a new workspace: %1</source>
        <translation>Ein neuer Arbeitsbereich konnte nicht begonnen werden: %1</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Save Workspace As</source>
        <translation>Arbeitsbereich speichern unter</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Nichts zu speichern</translation>
    </message>
    <message>
        <source>Save Operation</source>
        <translation>Operation speichern</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Saved Operations</source>
        <translation>Gespeicherte Operationen</translation>
    </message>
    <message>
        <source>Saved operation &quot;%1&quot; deleted</source>
        <translation>Gespeicherte Operation „%1“ gelöscht</translation>
    </message>
    <message>
        <source>%1 — Refract</source>
        <translation>%1 — Refract</translation>
    </message>
    <message>
        <source>&amp;Save Workspace…</source>
        <translation>Arbeitsbereich &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Save Workspace “%1”</source>
        <translation>Arbeitsbereich „%1“ &amp;speichern</translation>
    </message>
    <message>
        <source>Untitled (%1)</source>
        <translation>Unbenannt (%1)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 was not opened: %2

The current workspace is unchanged.</source>
        <translation>%1 wurde nicht geöffnet: %2

Der aktuelle Arbeitsbereich ist unverändert.</translation>
    </message>
    <message>
        <source>New workspace (saved automatically until you name it with Save As)</source>
        <translation>Neuer Arbeitsbereich (wird automatisch gespeichert, bis Sie ihn mit „Speichern unter“ benennen)</translation>
    </message>
    <message>
        <source>Could not open the workspace %1: %2</source>
        <translation>Der Arbeitsbereich %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Workspace %1 opened</source>
        <translation>Arbeitsbereich %1 geöffnet</translation>
    </message>
    <message>
        <source>Could not save the workspace as %1: %2</source>
        <translation>Der Arbeitsbereich konnte nicht als %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Operation saved as &quot;%1&quot;</source>
        <translation>Operation als „%1“ gespeichert</translation>
    </message>
    <message>
        <source>Close &amp;Tab</source>
        <translation>Tab schl&amp;ießen</translation>
    </message>
    <message>
        <source>Open Schema from SD&amp;L File…</source>
        <translation>Schema aus SD&amp;L-Datei öffnen…</translation>
    </message>
    <message>
        <source>Recent Wor&amp;kspaces</source>
        <translation>&amp;Zuletzt genutzte Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Copied a cURL command for %1; it reads secret headers from $REFRACT_SECRET_… variables</source>
        <translation>cURL-Befehl für %1 kopiert; geheime Header liest er aus $REFRACT_SECRET_…-Variablen</translation>
    </message>
    <message>
        <source>A GraphQL endpoint has no database objects to show here: its types are in the GraphQL tab.</source>
        <translation>Ein GraphQL-Endpunkt hat hier keine Datenbankobjekte zu zeigen: seine Typen stehen im Reiter GraphQL.</translation>
    </message>
    <message>
        <source>No stored value for %1 of %2 (%3): connecting without it; set it again in File → Connect to GraphQL Endpoint…</source>
        <translation>Kein gespeicherter Wert für %1 von %2 (%3): Verbindung ohne ihn; neu setzen unter Datei → Mit GraphQL-Endpunkt verbinden…</translation>
    </message>
    <message>
        <source>Reopening GraphQL endpoint %1, open when this workspace was last used</source>
        <translation>GraphQL-Endpunkt %1 wird wieder geöffnet (war offen, als dieser Arbeitsbereich zuletzt benutzt wurde)</translation>
    </message>
    <message>
        <source>Reading the secret header values of %1 from the keychain…</source>
        <translation>Geheime Header-Werte für %1 werden aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>Reopening GraphQL endpoint %1 cancelled</source>
        <translation>Wiederöffnen des GraphQL-Endpunkts %1 abgebrochen</translation>
    </message>
    <message>
        <source>Disconnected from GraphQL endpoint %1: the opened workspace was not on it</source>
        <translation>Vom GraphQL-Endpunkt %1 getrennt: der geöffnete Arbeitsbereich war nicht mit ihm verbunden</translation>
    </message>
    <message>
        <source>Disconnected from %1: the opened workspace was not on it</source>
        <translation>Von %1 getrennt: der geöffnete Arbeitsbereich war nicht damit verbunden</translation>
    </message>
    <message>
        <source>Reopening %1, open when this workspace was last used</source>
        <translation>%1 wird wieder geöffnet (war offen, als dieser Arbeitsbereich zuletzt benutzt wurde)</translation>
    </message>
</context>
<context>
    <name>refract::ui::PasswordKeychain</name>
    <message>
        <source>Passwords are stored in the system keychain, never in settings or logs.</source>
        <translation>Passwörter werden im Schlüsselbund des Systems gespeichert, nie in Einstellungen oder Protokollen.</translation>
    </message>
    <message>
        <source>No keychain service is available: passwords stay in memory until Refract quits; they are never written to settings or logs.</source>
        <translation>Kein Schlüsselbund-Dienst verfügbar: Passwörter bleiben im Speicher, bis Refract beendet wird; sie werden nie in Einstellungen oder Protokolle geschrieben.</translation>
    </message>
    <message>
        <source>Passwords go to the system keychain when one runs, otherwise they stay in memory until Refract quits.</source>
        <translation>Passwörter kommen in den Schlüsselbund des Systems, wenn einer läuft, sonst bleiben sie im Speicher, bis Refract beendet wird.</translation>
    </message>
</context>
<context>
    <name>refract::ui::PgConnectionDialog</name>
    <message>
        <source>Connected to %1 as %2 (PostgreSQL %3).</source>
        <translation>Verbunden mit %1 als %2 (PostgreSQL %3).</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Connect to PostgreSQL</source>
        <translation>Mit PostgreSQL verbinden</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>local socket</source>
        <translation>lokaler Socket</translation>
    </message>
    <message>
        <source>same as user</source>
        <translation>wie Benutzer</translation>
    </message>
    <message>
        <source>operating system user</source>
        <translation>Benutzer des Betriebssystems</translation>
    </message>
    <message>
        <source>from the keychain, .pgpass or PGPASSWORD</source>
        <translation>aus dem Schlüsselbund, .pgpass oder PGPASSWORD</translation>
    </message>
    <message>
        <source>pg_service.conf entry</source>
        <translation>Eintrag in pg_service.conf</translation>
    </message>
    <message>
        <source>default (prefer)</source>
        <translation>Standard (prefer)</translation>
    </message>
    <message>
        <source>default (%1)</source>
        <translation>Standard (%1)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>Die&amp;nst:</translation>
    </message>
    <message>
        <source>&amp;SSL mode:</source>
        <translation>&amp;SSL-Modus:</translation>
    </message>
    <message>
        <source>U&amp;RI or connection string:</source>
        <translation>U&amp;RI oder Verbindungszeichenkette:</translation>
    </message>
    <message>
        <source>Key/value strings work too: &lt;code&gt;host=db.example.com dbname=app&lt;/code&gt;. Leave empty to use only the PG* environment.</source>
        <translation>Schlüssel/Wert-Zeichenketten gehen auch: &lt;code&gt;host=db.example.com dbname=app&lt;/code&gt;. Leer lassen, um nur die PG*-Umgebung zu nutzen.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Comma-separated PostgreSQL schemas to reflect into GraphQL.</source>
        <translation>Durch Kommas getrennte PostgreSQL-Schemas, die in GraphQL reflektiert werden.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>R&amp;ecent:</source>
        <translation>&amp;Zuletzt:</translation>
    </message>
    <message>
        <source>S&amp;chemas to reflect:</source>
        <translation>&amp;Schemas zum Reflektieren:</translation>
    </message>
    <message>
        <source>Empty fields fall back to libpq defaults, .pgpass and pg_service.conf.</source>
        <translation>Leere Felder greifen auf die Vorgaben von libpq, .pgpass und pg_service.conf zurück.</translation>
    </message>
    <message>
        <source>Empty fields fall back to %1, .pgpass and pg_service.conf.</source>
        <translation>Leere Felder greifen auf %1, .pgpass und pg_service.conf zurück.</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Teste %1…</translation>
    </message>
</context>
<context>
    <name>refract::ui::Prettifier</name>
    <message>
        <source>Not prettified: the document has comments inside it, which prettifying would drop</source>
        <translation>Nicht formatiert: das Dokument enthält Kommentare, die beim Formatieren verloren gingen</translation>
    </message>
    <message>
        <source> (line %1, column %2)</source>
        <translation> (Zeile %1, Spalte %2)</translation>
    </message>
    <message>
        <source>Cannot prettify: %1%2</source>
        <translation>Formatieren nicht möglich: %1%2</translation>
    </message>
    <message>
        <source>Prettify needs the GraphQL printer, which is not part of this build yet</source>
        <translation>Formatieren braucht den GraphQL-Printer, der in diesem Build noch fehlt</translation>
    </message>
</context>
<context>
    <name>refract::ui::ProfilesDialog</name>
    <message>
        <source>Identity Profiles</source>
        <translation>Identitätsprofile</translation>
    </message>
    <message>
        <source>stored in the keychain under the key id, never in the profile</source>
        <translation>im Schlüsselbund unter der Schlüssel-ID gespeichert, nie im Profil</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>kein Ablauf</translation>
    </message>
    <message>
        <source>fixed role (wins over the role claim)</source>
        <translation>feste Rolle (hat Vorrang vor dem Rollen-Claim)</translation>
    </message>
    <message>
        <source>claim path holding the role, e.g. role or https://x/claims.role</source>
        <translation>Claim-Pfad mit der Rolle, z. B. role oder https://x/claims.role</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>sub:</source>
        <translation>sub:</translation>
    </message>
    <message>
        <source>username:</source>
        <translation>username:</translation>
    </message>
    <message>
        <source>email:</source>
        <translation>email:</translation>
    </message>
    <message>
        <source>Claims (JSON):</source>
        <translation>Claims (JSON):</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>Role claim:</source>
        <translation>Rollen-Claim:</translation>
    </message>
    <message>
        <source>Default role:</source>
        <translation>Standardrolle:</translation>
    </message>
    <message>
        <source>Claims mapping:</source>
        <translation>Claims-Zuordnung:</translation>
    </message>
    <message>
        <source>Signing key id:</source>
        <translation>Schlüssel-ID zum Signieren:</translation>
    </message>
    <message>
        <source>Algorithm:</source>
        <translation>Algorithmus:</translation>
    </message>
    <message>
        <source>Signing secret:</source>
        <translation>Signiergeheimnis:</translation>
    </message>
    <message>
        <source>Token lifetime:</source>
        <translation>Token-Lebensdauer:</translation>
    </message>
    <message>
        <source>A query as this profile runs with these settings:</source>
        <translation>Eine Abfrage mit diesem Profil läuft mit diesen Einstellungen:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Mint Token</source>
        <translation>Token &amp;ausstellen</translation>
    </message>
    <message>
        <source>Sign a token for this profile with its secret and show it decoded</source>
        <translation>Ein Token für dieses Profil mit seinem Geheimnis signieren und dekodiert anzeigen</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Decode JWT</source>
        <translation>JWT dekodieren</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <source>Claims: not a JSON object (%1)</source>
        <translation>Claims: kein JSON-Objekt (%1)</translation>
    </message>
    <message>
        <source>No signing secret for key id &quot;%1&quot;: enter it above.</source>
        <translation>Kein Signiergeheimnis für Schlüssel-ID „%1“: oben eingeben.</translation>
    </message>
</context>
<context>
    <name>refract::ui::QueryRun</name>
    <message>
        <source>no plan</source>
        <translation>kein Plan</translation>
    </message>
    <message>
        <source>-- (answered without SQL)
</source>
        <translation>-- (ohne SQL beantwortet)
</translation>
    </message>
    <message>
        <source>-- plan (EXPLAIN FORMAT JSON):
</source>
        <translation>-- Plan (EXPLAIN FORMAT JSON):
</translation>
    </message>
    <message>
        <source>-- no plan: %1
</source>
        <translation>-- kein Plan: %1
</translation>
    </message>
    <message>
        <source>No database catalog: connect first.</source>
        <translation>Kein Datenbankkatalog: zuerst verbinden.</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Verbindung nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>refract::ui::QueryTab</name>
    <message>
        <source>{ &quot;id&quot;: 1 }</source>
        <translation>{ &quot;id&quot;: 1 }</translation>
    </message>
    <message>
        <source>Authorization: Bearer …</source>
        <translation>Authorization: Bearer …</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Vorheriger Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Nächster Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Suchen:</translation>
    </message>
</context>
<context>
    <name>refract::ui::ReflectJob</name>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Reading the catalog of %1…</source>
        <translation>Lese den Katalog von %1…</translation>
    </message>
    <message>
        <source>Enum tables: %1</source>
        <translation>Enum-Tabellen: %1</translation>
    </message>
    <message>
        <source>Generating the GraphQL schema…</source>
        <translation>Erzeuge das GraphQL-Schema…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>refract::ui::RemoteSession</name>
    <message>
        <source>Introspecting %1…</source>
        <translation>Introspektiere %1…</translation>
    </message>
    <message>
        <source>Reading the schema of %1 from %2…</source>
        <translation>Lese das Schema von %1 aus %2…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source> (line %1, column %2)</source>
        <translation> (Zeile %1, Spalte %2)</translation>
    </message>
</context>
<context>
    <name>refract::ui::ResultsView</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>The SQL of each root field and its plan appear here after a run against PostgreSQL.</source>
        <translation>SQL und Plan jedes Wurzelfelds erscheinen hier nach einem Lauf gegen PostgreSQL.</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>Baum</translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation>Rohes JSON</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Click an error to go to its place in the editor</source>
        <translation>Auf einen Fehler klicken, um zu seiner Stelle im Editor zu springen</translation>
    </message>
    <message>
        <source>Run a query with Ctrl+Enter to see its result here.</source>
        <translation>Führen Sie eine Abfrage mit Strg+Eingabe aus, um hier ihr Ergebnis zu sehen.</translation>
    </message>
    <message>
        <source>Reading a %1 response…</source>
        <translation>Lese eine Antwort von %1…</translation>
    </message>
    <message>
        <source>
… (the first %1 of %2 shown; the tree and table hold all of it)</source>
        <translation>
… (die ersten %1 von %2 gezeigt; Baum und Tabelle enthalten alles)</translation>
    </message>
    <message>
        <source>Response size: %1</source>
        <translation>Antwortgröße: %1</translation>
    </message>
    <message>
        <source>The response is not JSON: %1</source>
        <translation>Die Antwort ist kein JSON: %1</translation>
    </message>
    <message>
        <source>%1:%2  %3</source>
        <translation>%1:%2  %3</translation>
    </message>
    <message>
        <source> — table: %1 rows of %2</source>
        <translation> — Tabelle: %1 Zeilen von %2</translation>
    </message>
    <message>
        <source> (read in %1 ms)</source>
        <translation> (gelesen in %1 ms)</translation>
    </message>
</context>
<context>
    <name>refract::ui::RunController</name>
    <message>
        <source>The variables do not fit operation %1:
• %2</source>
        <translation>Die Variablen passen nicht zur Operation %1:
• %2</translation>
    </message>
    <message>
        <source>(anonymous)</source>
        <translation>(anonym)</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>, dry run (rolled back)</source>
        <translation>, Probelauf (zurückgerollt)</translation>
    </message>
    <message>
        <source>Running %1as %2</source>
        <translation>Führe %1als %2 aus</translation>
    </message>
    <message>
        <source>Running as %1…</source>
        <translation>Läuft als %1…</translation>
    </message>
    <message>
        <source>Query cancelled</source>
        <translation>Abfrage abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source> (current_user %1)</source>
        <translation> (current_user %1)</translation>
    </message>
    <message>
        <source>Ran as %1 in %2 ms (execute %3 ms), %4 SQL statement(s)</source>
        <translation>Lief als %1 in %2 ms (Ausführung %3 ms), %4 SQL-Anweisung(en)</translation>
    </message>
    <message>
        <source>Not run (as %1): the request has errors</source>
        <translation>Nicht ausgeführt (als %1): die Anfrage hat Fehler</translation>
    </message>
    <message>
        <source>⚠ Row-level security was NOT applied: %1 is %2.</source>
        <translation>⚠ Row Level Security wurde NICHT angewendet: %1 ist %2.</translation>
    </message>
    <message>
        <source>a superuser</source>
        <translation>ein Superuser</translation>
    </message>
    <message>
        <source>a role with BYPASSRLS</source>
        <translation>eine Rolle mit BYPASSRLS</translation>
    </message>
    <message>
        <source>The operation has %1 validation error(s)</source>
        <translation>Die Operation hat %1 Validierungsfehler</translation>
    </message>
    <message>
        <source>The operation is valid against the schema. Connect to a database to run it.</source>
        <translation>Die Operation ist gegen das Schema gültig. Verbinden Sie sich mit einer Datenbank, um sie auszuführen.</translation>
    </message>
    <message>
        <source>Headers are not a valid JSON object: %1</source>
        <translation>Die Header sind kein gültiges JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>Header %1: the value must be a string</source>
        <translation>Header %1: der Wert muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>Headers, line %1: expected &quot;Name: value&quot; or a JSON object</source>
        <translation>Header, Zeile %1: „Name: Wert“ oder ein JSON-Objekt erwartet</translation>
    </message>
    <message>
        <source>remote endpoint — identity: no headers</source>
        <translation>entfernter Endpunkt — Identität: keine Header</translation>
    </message>
    <message>
        <source>remote endpoint — identity: headers %1</source>
        <translation>entfernter Endpunkt — Identität: Header %1</translation>
    </message>
    <message>
        <source>Sending %1to %2 (%3)</source>
        <translation>Sende %1an %2 (%3)</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>Warte auf %1…</translation>
    </message>
    <message>
        <source>Ran on %1 (%2) in %3 ms, HTTP %4</source>
        <translation>Lief auf %1 (%2) in %3 ms, HTTP %4</translation>
    </message>
    <message>
        <source>Not run on %1: %2</source>
        <translation>Nicht auf %1 ausgeführt: %2</translation>
    </message>
    <message>
        <source>Remote endpoint: the server ran this operation; its SQL and plans are not visible from here. Identity is whatever its headers say (%1).</source>
        <translation>Entfernter Endpunkt: der Server hat diese Operation ausgeführt; SQL und Pläne sind von hier nicht sichtbar. Die Identität ist, was die Header sagen (%1).</translation>
    </message>
</context>
<context>
    <name>refract::ui::RunLocallyDialog</name>
    <message>
        <source>Run Locally</source>
        <translation>Lokal bereitstellen</translation>
    </message>
    <message>
        <source>⚠ Not loopback: other machines can query this server.</source>
        <translation>⚠ Nicht Loopback: andere Rechner können diesen Server abfragen.</translation>
    </message>
    <message>
        <source>Requests without a token run as the default role, from anywhere that reaches this address.</source>
        <translation>Anfragen ohne Token laufen mit der Standardrolle, von überall, wo diese Adresse erreichbar ist.</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>PostGraphile (role, jwt.claims.*)</source>
        <translation>PostGraphile (role, jwt.claims.*)</translation>
    </message>
    <message>
        <source>AppSync (appsync.identity_*)</source>
        <translation>AppSync (appsync.identity_*)</translation>
    </message>
    <message>
        <source>Supabase (request.jwt.claims)</source>
        <translation>Supabase (request.jwt.claims)</translation>
    </message>
    <message>
        <source>No JWT verification (every request runs as the default role)</source>
        <translation>Keine JWT-Prüfung (jede Anfrage läuft mit der Standardrolle)</translation>
    </message>
    <message>
        <source>Signing key of profile %1 (%2)</source>
        <translation>Signierschlüssel des Profils %1 (%2)</translation>
    </message>
    <message>
        <source>Typed secret…</source>
        <translation>Getipptes Geheimnis…</translation>
    </message>
    <message>
        <source>HS256 secret</source>
        <translation>HS256-Geheimnis</translation>
    </message>
    <message>
        <source>the connection&apos;s role</source>
        <translation>die Rolle der Verbindung</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;JWT secret:</source>
        <translation>&amp;JWT-Geheimnis:</translation>
    </message>
    <message>
        <source>&amp;Claims mapping:</source>
        <translation>&amp;Claims-Zuordnung:</translation>
    </message>
    <message>
        <source>&amp;Default role:</source>
        <translation>&amp;Standardrolle:</translation>
    </message>
    <message>
        <source>P&amp;ool size:</source>
        <translation>P&amp;oolgröße:</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Serves this connection&apos;s GraphQL API as &lt;tt&gt;refract-cli serve&lt;/tt&gt; does. Requests with a token run as its claims; requests without one as the default role.</source>
        <translation>Stellt die GraphQL-API dieser Verbindung bereit, wie es &lt;tt&gt;refract-cli serve&lt;/tt&gt; tut. Anfragen mit Token laufen mit dessen Claims, Anfragen ohne Token mit der Standardrolle.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address (use 127.0.0.1, ::1 or an address of this machine).</source>
        <translation>„%1“ ist keine IP-Adresse (verwenden Sie 127.0.0.1, ::1 oder eine Adresse dieses Rechners).</translation>
    </message>
    <message>
        <source>Type the secret tokens are signed with, or choose a profile&apos;s signing key.</source>
        <translation>Geben Sie das Geheimnis ein, mit dem Tokens signiert werden, oder wählen Sie den Signierschlüssel eines Profils.</translation>
    </message>
    <message>
        <source>&amp;Remember these settings (a typed secret in the keychain, never in settings)</source>
        <translation>Diese Einstellungen &amp;merken (ein getipptes Geheimnis im Schlüsselbund, nie in den Einstellungen)</translation>
    </message>
</context>
<context>
    <name>refract::ui::SavedOperationsView</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Open in a New Tab</source>
        <translation>In neuem Tab öffnen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>refract::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>refract::ui::VariablesCheck</name>
    <message>
        <source>%1: null where %2 is required</source>
        <translation>%1: null, wo %2 verlangt ist</translation>
    </message>
    <message>
        <source>%1: %2 is not %3</source>
        <translation>%1: %2 ist nicht %3</translation>
    </message>
    <message>
        <source>an Int (a whole number between -2^31 and 2^31-1)</source>
        <translation>ein Int (eine ganze Zahl zwischen -2^31 und 2^31-1)</translation>
    </message>
    <message>
        <source>a Float (a number)</source>
        <translation>ein Float (eine Zahl)</translation>
    </message>
    <message>
        <source>a String</source>
        <translation>ein String</translation>
    </message>
    <message>
        <source>a Boolean (true or false)</source>
        <translation>ein Boolean (true oder false)</translation>
    </message>
    <message>
        <source>an ID (a string or a whole number)</source>
        <translation>eine ID (eine Zeichenkette oder eine ganze Zahl)</translation>
    </message>
    <message>
        <source>a value of enum %1 (%2)</source>
        <translation>ein Wert des Enums %1 (%2)</translation>
    </message>
    <message>
        <source>an input object %1</source>
        <translation>ein Eingabeobjekt %1</translation>
    </message>
    <message>
        <source>%1: %2 has no field &quot;%3&quot;</source>
        <translation>%1: %2 hat kein Feld „%3“</translation>
    </message>
    <message>
        <source>%1: required field of type %2 is missing</source>
        <translation>%1: das Pflichtfeld vom Typ %2 fehlt</translation>
    </message>
    <message>
        <source>Variables are not valid JSON: %1 at line %2, column %3.</source>
        <translation>Die Variablen sind kein gültiges JSON: %1 in Zeile %2, Spalte %3.</translation>
    </message>
    <message>
        <source>Variables must be a JSON object, like { &quot;id&quot;: 1 }.</source>
        <translation>Variablen müssen ein JSON-Objekt sein, etwa { &quot;id&quot;: 1 }.</translation>
    </message>
    <message>
        <source>%1: required variable of type %2 was not given</source>
        <translation>%1: die Pflichtvariable vom Typ %2 wurde nicht angegeben</translation>
    </message>
</context>
<context>
    <name>refract::ui::WorkspaceSession</name>
    <message>
        <source>Could not read the workspace %1: %2</source>
        <translation>Der Arbeitsbereich %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not save the workspace %1: %2</source>
        <translation>Der Arbeitsbereich %1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>the current workspace could not be saved</source>
        <translation>der aktuelle Arbeitsbereich konnte nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>refract::ui::diagram::DiagramJob</name>
    <message>
        <source>building the model</source>
        <translation>baue das Modell</translation>
    </message>
    <message>
        <source>No database reflected yet.</source>
        <translation>Noch keine Datenbank reflektiert.</translation>
    </message>
    <message>
        <source>No GraphQL schema loaded yet.</source>
        <translation>Noch kein GraphQL-Schema geladen.</translation>
    </message>
    <message>
        <source>%1 is not in this diagram.</source>
        <translation>%1 ist nicht in diesem Diagramm.</translation>
    </message>
</context>
<context>
    <name>refract::ui::diagram::DiagramScene</name>
    <message>
        <source>diagram positions: unsupported version</source>
        <translation>Diagrammpositionen: nicht unterstützte Version</translation>
    </message>
    <message>
        <source>diagram positions: &quot;cards&quot; must be an object</source>
        <translation>Diagrammpositionen: „cards“ muss ein Objekt sein</translation>
    </message>
    <message>
        <source>diagram positions: %1 needs [x, y]</source>
        <translation>Diagrammpositionen: %1 braucht [x, y]</translation>
    </message>
    <message>
        <source>diagram positions: %1 is out of range</source>
        <translation>Diagrammpositionen: %1 liegt außerhalb des Bereichs</translation>
    </message>
    <message>
        <source>Refract diagram</source>
        <translation>Refract-Diagramm</translation>
    </message>
    <message>
        <source>could not start the SVG writer</source>
        <translation>der SVG-Schreiber konnte nicht starten</translation>
    </message>
    <message>
        <source>could not encode the image as %1</source>
        <translation>das Bild konnte nicht als %1 kodiert werden</translation>
    </message>
    <message>
        <source>could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>refract::ui::diagram::DiagramWidget</name>
    <message>
        <source>Tables (ER)</source>
        <translation>Tabellen (ER)</translation>
    </message>
    <message>
        <source>GraphQL types</source>
        <translation>GraphQL-Typen</translation>
    </message>
    <message>
        <source>Find a table or type…</source>
        <translation>Tabelle oder Typ suchen…</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Fokus</translation>
    </message>
    <message>
        <source>Show only the selected card and its neighbours</source>
        <translation>Nur die gewählte Karte und ihre Nachbarn zeigen</translation>
    </message>
    <message>
        <source> hop(s)</source>
        <translation> Schritt(e)</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Lay out again (keep placed cards)</source>
        <translation>Neu anordnen (platzierte Karten behalten)</translation>
    </message>
    <message>
        <source>Reset placed cards</source>
        <translation>Platzierte Karten zurücksetzen</translation>
    </message>
    <message>
        <source>Type graph: hide scalars</source>
        <translation>Typgraph: Skalare ausblenden</translation>
    </message>
    <message>
        <source>Type graph: hide inputs</source>
        <translation>Typgraph: Eingabetypen ausblenden</translation>
    </message>
    <message>
        <source>Type graph: collapse Relay connections</source>
        <translation>Typgraph: Relay-Connections zusammenklappen</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Select a card (or search for one) to focus on it.</source>
        <translation>Eine Karte wählen (oder suchen), um auf sie zu fokussieren.</translation>
    </message>
    <message>
        <source>Nothing shown matches “%1”.</source>
        <translation>Nichts Angezeigtes passt zu „%1“.</translation>
    </message>
    <message>
        <source>%1 — %2 edge(s)</source>
        <translation>%1 — %2 Kante(n)</translation>
    </message>
    <message>
        <source>Layout cancelled.</source>
        <translation>Layout abgebrochen.</translation>
    </message>
    <message>
        <source>Connect to a database to see its tables.</source>
        <translation>Verbinden Sie sich mit einer Datenbank, um ihre Tabellen zu sehen.</translation>
    </message>
    <message>
        <source>Connect to a database or open an SDL file to see its types.</source>
        <translation>Verbinden Sie sich mit einer Datenbank oder öffnen Sie eine SDL-Datei, um ihre Typen zu sehen.</translation>
    </message>
    <message>
        <source>Laying out…</source>
        <translation>Ordne an…</translation>
    </message>
    <message>
        <source>Laying out: %1</source>
        <translation>Ordne an: %1</translation>
    </message>
    <message>
        <source>dot + sfdp</source>
        <translation>dot + sfdp</translation>
    </message>
    <message>
        <source>dot</source>
        <translation>dot</translation>
    </message>
    <message>
        <source>%1 of %2 cards, %3 edges · %4 in %5 ms%6</source>
        <translation>%1 von %2 Karten, %3 Kanten · %4 in %5 ms%6</translation>
    </message>
    <message>
        <source> · focus: %1, %2 hop(s)</source>
        <translation> · Fokus: %1, %2 Schritt(e)</translation>
    </message>
    <message>
        <source>All schemas</source>
        <translation>Alle Schemas</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>diagram positions: unsupported version</source>
        <translation>Diagrammpositionen: nicht unterstützte Version</translation>
    </message>
    <message>
        <source>could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a diagram positions file: %2</source>
        <translation>%1 ist keine Datei mit Diagrammpositionen: %2</translation>
    </message>
    <message>
        <source>There is no diagram to export.</source>
        <translation>Es gibt kein Diagramm zum Exportieren.</translation>
    </message>
    <message>
        <source>Export diagram</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
</context>
</TS>
