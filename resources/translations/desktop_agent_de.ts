<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AccountPage</name>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>Ä&amp;ndern…</translation>
    </message>
    <message>
        <source>Change email or server</source>
        <translation>E-Mail-Adresse oder Server ändern</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language shows the next time the app starts.</source>
        <translation>Eine neue Sprache erscheint beim nächsten Start der App.</translation>
    </message>
    <message>
        <source>(not set up)</source>
        <translation>(nicht eingerichtet)</translation>
    </message>
</context>
<context>
    <name>AddProgramDialog</name>
    <message>
        <source>Pause for a program</source>
        <translation>Pause für ein Programm</translation>
    </message>
    <message>
        <source>Program name</source>
        <translation>Programmname</translation>
    </message>
    <message>
        <source>for example steam</source>
        <translation>zum Beispiel steam</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Programm:</translation>
    </message>
    <message>
        <source>Pick a program that is running now, or type its name if it isn&apos;t.</source>
        <translation>Wählen Sie ein laufendes Programm oder geben Sie seinen Namen ein.</translation>
    </message>
    <message>
        <source>Problem with the program name</source>
        <translation>Problem mit dem Programmnamen</translation>
    </message>
    <message>
        <source>Type or pick the name of a program.</source>
        <translation>Geben Sie einen Programmnamen ein oder wählen Sie einen.</translation>
    </message>
    <message>
        <source>That name is too long for a program name.</source>
        <translation>Dieser Name ist zu lang für einen Programmnamen.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>A result is waiting</source>
        <translation>Ein Ergebnis wartet</translation>
    </message>
    <message>
        <source>A finished result is still waiting to be delivered to the server.</source>
        <translation>Ein fertiges Ergebnis wartet noch darauf, an den Server gesendet zu werden.</translation>
    </message>
    <message>
        <source>If you change the account now, the credit for it may be lost. Wait until it is delivered?</source>
        <translation>Wenn Sie das Konto jetzt wechseln, geht die Anrechnung dafür vielleicht verloren. Warten, bis es gesendet ist?</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Warten</translation>
    </message>
    <message>
        <source>Change anyway</source>
        <translation>Trotzdem wechseln</translation>
    </message>
    <message>
        <source>&amp;Pause anyway</source>
        <translation>&amp;Trotzdem pausieren</translation>
    </message>
    <message>
        <source>&amp;Snooze anyway</source>
        <translation>Trotzdem &amp;zeitweise pausieren</translation>
    </message>
    <message>
        <source>Desktop Agent — Stopping…</source>
        <translation>Desktop Agent – wird beendet…</translation>
    </message>
    <message>
        <source>The engine stopped.</source>
        <translation>Die Verarbeitung wurde beendet.</translation>
    </message>
    <message>
        <source>The engine stopped with an error: {msg}</source>
        <translation>Die Verarbeitung wurde mit einem Fehler beendet: {msg}</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly several times in a row (last at {when}) and was not restarted automatically. If it happens again, please send the diagnostics report from the Help menu to the project.</source>
        <translation>Desktop Agent wurde mehrmals hintereinander unerwartet beendet (zuletzt um {when}) und nicht automatisch neu gestartet. Falls es wieder passiert, senden Sie bitte den Diagnosebericht aus dem Hilfe-Menü an das Projekt.</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly at {when} and started again by itself. It is continuing the task it was working on; nothing was lost.</source>
        <translation>Desktop Agent wurde um {when} unerwartet beendet und hat sich selbst neu gestartet. Die begonnene Aufgabe läuft weiter; nichts ging verloren.</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly at {when} and started again by itself.</source>
        <translation>Desktop Agent wurde um {when} unerwartet beendet und hat sich selbst neu gestartet.</translation>
    </message>
    <message>
        <source>Desktop Agent restarted</source>
        <translation>Desktop Agent neu gestartet</translation>
    </message>
</context>
<context>
    <name>ContributionChart</name>
    <message>
        <source>{m} min</source>
        <translation>{m}&#xa0;Min.</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h}&#xa0;Std. {m:02d}&#xa0;Min.</translation>
    </message>
    <message>
        <source>Nothing given in the last {n} days yet.</source>
        <translation>In den letzten {n} Tagen noch nichts beigetragen.</translation>
    </message>
    <message>
        <source>Last {n} days: {total} of compute; yesterday {yesterday}; most on {day} ({best}).</source>
        <translation>Letzte {n} Tage: {total} Rechenzeit; gestern {yesterday}; am meisten am {day} ({best}).</translation>
    </message>
    <message>
        <source>Compute given per day</source>
        <translation>Beigetragene Rechenzeit pro Tag</translation>
    </message>
</context>
<context>
    <name>ContributionChoice</name>
    <message>
        <source>&lt;b&gt;When should this computer help?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wann soll dieser Computer helfen?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Only when I&apos;m not using the computer</source>
        <translation>&amp;Nur wenn ich den Computer nicht benutze</translation>
    </message>
    <message>
        <source>Only when I&apos;m not using the computer</source>
        <translation>Nur wenn ich den Computer nicht benutze</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Minutes without use before work starts</source>
        <translation>Minuten ohne Benutzung, bevor die Arbeit beginnt</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>Beginnen nach</translation>
    </message>
    <message>
        <source>without mouse or keyboard</source>
        <translation>ohne Maus und Tastatur</translation>
    </message>
    <message>
        <source>Work pauses as soon as you are back.</source>
        <translation>Sobald Sie zurück sind, pausiert die Arbeit.</translation>
    </message>
    <message>
        <source>&amp;Always, at low priority</source>
        <translation>&amp;Immer, mit niedriger Priorität</translation>
    </message>
    <message>
        <source>Always, at low priority</source>
        <translation>Immer, mit niedriger Priorität</translation>
    </message>
    <message>
        <source>Your own programs still come first, but the computer works whenever it is on — you may hear its fan more often.</source>
        <translation>Ihre eigenen Programme haben weiter Vorrang, aber der Computer arbeitet, wann immer er an ist – der Lüfter ist vielleicht öfter zu hören.</translation>
    </message>
    <message>
        <source>&amp;Start when I log in (in the tray)</source>
        <translation>Bei der Anmeldung &amp;starten (im Infobereich)</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>You can pause at any time, and change this later in Settings → When to contribute.</source>
        <translation>Sie können jederzeit pausieren und dies später unter Einstellungen → Wann beitragen ändern.</translation>
    </message>
</context>
<context>
    <name>ContributionView</name>
    <message>
        <source>Your contribution</source>
        <translation>Ihr Beitrag</translation>
    </message>
    <message>
        <source>Energy given: not measured</source>
        <translation>Beigetragene Energie: nicht gemessen</translation>
    </message>
    <message>
        <source>Energy given</source>
        <translation>Beigetragene Energie</translation>
    </message>
    <message>
        <source>Compute this computer gave, per day</source>
        <translation>Rechenzeit dieses Computers pro Tag</translation>
    </message>
    <message>
        <source>So far this computer has finished 1 task ({t} of compute). Thank you!</source>
        <translation>Bisher hat dieser Computer 1 Aufgabe erledigt ({t} Rechenzeit). Danke!</translation>
    </message>
    <message>
        <source>So far this computer has finished {n} tasks ({t} of compute). Thank you!</source>
        <translation>Bisher hat dieser Computer {n} Aufgaben erledigt ({t} Rechenzeit). Danke!</translation>
    </message>
    <message>
        <source>Finished tasks will be counted here.</source>
        <translation>Erledigte Aufgaben werden hier gezählt.</translation>
    </message>
    <message>
        <source>This machine has given {e}</source>
        <translation>Dieser Computer hat {e} beigetragen</translation>
    </message>
</context>
<context>
    <name>EnvCacheWidget</name>
    <message>
        <source>Job environments: measuring…</source>
        <translation>Job-Umgebungen: wird gemessen…</translation>
    </message>
    <message>
        <source>Disk used by job environments</source>
        <translation>Von Job-Umgebungen belegter Speicherplatz</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear job environments</source>
        <translation>Job-Umgebungen leeren</translation>
    </message>
    <message>
        <source>Delete cached job environments; they are rebuilt when a job needs them</source>
        <translation>Zwischengespeicherte Job-Umgebungen löschen; sie werden neu erstellt, wenn ein Job sie braucht</translation>
    </message>
    <message>
        <source>Job environments: a task is running — Clear when it ends</source>
        <translation>Job-Umgebungen: eine Aufgabe läuft – leeren Sie sie danach</translation>
    </message>
    <message>
        <source>Job environments: clearing…</source>
        <translation>Job-Umgebungen: wird geleert…</translation>
    </message>
    <message>
        <source>Job environments: could not measure ({0})</source>
        <translation>Job-Umgebungen: konnte nicht gemessen werden ({0})</translation>
    </message>
    <message>
        <source>Job environments: {0} of {1}</source>
        <translation>Job-Umgebungen: {0} von {1}</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>The server had already handed this task to someone else, so this result was not needed. Nothing is wrong with your computer.</source>
        <translation>Der Server hatte diese Aufgabe schon jemand anderem gegeben, daher wurde dieses Ergebnis nicht gebraucht. Mit Ihrem Computer ist alles in Ordnung.</translation>
    </message>
    <message>
        <source>The server had a problem of its own; it was tried again automatically.</source>
        <translation>Der Server hatte ein eigenes Problem; es wurde automatisch erneut versucht.</translation>
    </message>
    <message>
        <source>The connection to the server broke; it was tried again automatically.</source>
        <translation>Die Verbindung zum Server brach ab; es wurde automatisch erneut versucht.</translation>
    </message>
    <message>
        <source>The server did not accept the result.</source>
        <translation>Der Server hat das Ergebnis nicht angenommen.</translation>
    </message>
    <message>
        <source>The server did not accept the report that this task was finished.</source>
        <translation>Der Server hat die Meldung, dass die Aufgabe fertig ist, nicht angenommen.</translation>
    </message>
    <message>
        <source>The server gave an answer this app could not use.</source>
        <translation>Der Server gab eine Antwort, mit der diese App nichts anfangen konnte.</translation>
    </message>
    <message>
        <source>Given back to the server after it was paused for more than {n} min, so someone else could finish it.</source>
        <translation>An den Server zurückgegeben, nachdem sie länger als {n}&#xa0;Min. pausiert war, damit jemand anderes sie fertigstellen konnte.</translation>
    </message>
    <message>
        <source>the server did not confirm that it had the finished task</source>
        <translation>der Server hat nicht bestätigt, dass er die fertige Aufgabe erhalten hat</translation>
    </message>
    <message>
        <source>the disk filled up again while this task ran</source>
        <translation>die Festplatte ist während dieser Aufgabe erneut voll gelaufen</translation>
    </message>
    <message>
        <source>the disk holding the app&apos;s work folder is full</source>
        <translation>die Festplatte mit dem Arbeitsordner der App ist voll</translation>
    </message>
    <message>
        <source>the server could not be reached for a long time</source>
        <translation>der Server war lange nicht erreichbar</translation>
    </message>
    <message>
        <source>Given back to the server so someone else can finish it. Why: {why}</source>
        <translation>An den Server zurückgegeben, damit jemand anderes sie fertigstellen kann. Grund: {why}</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>The job&apos;s script stopped with an error (exit code {code}).</source>
        <translation>Das Skript des Jobs ist mit einem Fehler beendet worden (Fehlercode {code}).</translation>
    </message>
    <message>
        <source>Its last lines: {lines}</source>
        <translation>Seine letzten Zeilen: {lines}</translation>
    </message>
    <message>
        <source>The job&apos;s script ran past its time limit ({s} s) and was stopped.</source>
        <translation>Das Skript des Jobs hat sein Zeitlimit ({s} s) überschritten und wurde angehalten.</translation>
    </message>
    <message>
        <source>The job&apos;s script used more than {mb} MB of memory and was stopped.</source>
        <translation>Das Skript des Jobs hat mehr als {mb} MB Arbeitsspeicher belegt und wurde angehalten.</translation>
    </message>
    <message>
        <source>The job&apos;s result ({size} MB) is larger than the {quota} MB allowed, so it was not sent.</source>
        <translation>Das Ergebnis des Jobs ({size} MB) ist größer als die erlaubten {quota} MB und wurde deshalb nicht gesendet.</translation>
    </message>
    <message>
        <source>The job&apos;s script finished without writing its result.</source>
        <translation>Das Skript des Jobs ist fertig geworden, hat aber kein Ergebnis geschrieben.</translation>
    </message>
    <message>
        <source>The job&apos;s result pointed at another file, so it was not sent.</source>
        <translation>Das Ergebnis des Jobs verwies auf eine andere Datei und wurde deshalb nicht gesendet.</translation>
    </message>
    <message>
        <source>This app was connected to another server or account before the task finished.</source>
        <translation>Die App wurde mit einem anderen Server oder Konto verbunden, bevor die Aufgabe fertig war.</translation>
    </message>
    <message>
        <source>The server gave an answer this app could not use; it is tried again automatically.</source>
        <translation>Der Server gab eine Antwort, mit der diese App nichts anfangen konnte; es wird automatisch erneut versucht.</translation>
    </message>
    <message>
        <source>This email has no account yet — create one on the project&apos;s website, then choose Set up again.</source>
        <translation>Zu dieser E-Mail-Adresse gibt es noch kein Konto – legen Sie eines auf der Website des Projekts an und wählen Sie dann „Neu einrichten“.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Ergebnis öffnen</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open {url}</source>
        <translation>Doppelklicken oder Eingabetaste drücken, um {url} zu öffnen</translation>
    </message>
    <message>
        <source>Job {id}</source>
        <translation>Job {id}</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Finished tasks</source>
        <translation>Erledigte Aufgaben</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <source>No finished tasks yet.</source>
        <translation>Noch keine erledigten Aufgaben.</translation>
    </message>
    <message>
        <source>Showing the newest {n} tasks. Export CSV… writes all of them.</source>
        <translation>Angezeigt werden die neuesten {n} Aufgaben. „Als CSV exportieren…“ schreibt alle.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation>Verlauf als CSV exportieren</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Alle Aufgaben</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Show tasks from</source>
        <translation>Aufgaben anzeigen von</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>A&amp;nzeigen:</translation>
    </message>
    <message>
        <source>1 task done · {time} of compute given</source>
        <translation>1 Aufgabe erledigt · {time} Rechenzeit beigetragen</translation>
    </message>
    <message>
        <source>{done} tasks done · {time} of compute given</source>
        <translation>{done} Aufgaben erledigt · {time} Rechenzeit beigetragen</translation>
    </message>
    <message>
        <source>No tasks in this time.</source>
        <translation>Keine Aufgaben in dieser Zeit.</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not write {path}: {err}</source>
        <translation>{path} konnte nicht geschrieben werden: {err}</translation>
    </message>
</context>
<context>
    <name>HoldPrompt</name>
    <message>
        <source>A task is in progress. While paused it is put on hold, and a task paused for more than {n} min is given back so someone else can finish it.</source>
        <translation>Eine Aufgabe läuft. Während der Pause wird sie angehalten, und eine Aufgabe, die länger als {n}&#xa0;Min. pausiert, wird zurückgegeben, damit jemand anderes sie fertigstellen kann.</translation>
    </message>
    <message>
        <source>A task is in progress</source>
        <translation>Eine Aufgabe läuft</translation>
    </message>
    <message>
        <source>Finish it first, then pause?</source>
        <translation>Erst fertigstellen, dann pausieren?</translation>
    </message>
    <message>
        <source>&amp;Finish the task first</source>
        <translation>Erst die Aufgabe &amp;fertigstellen</translation>
    </message>
</context>
<context>
    <name>LogsTab</name>
    <message>
        <source>Minimum level</source>
        <translation>Mindeststufe</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>Alle Meldungen</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Protokoll durchsuchen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the shown lines</source>
        <translation>Angezeigte Zeilen kopieren</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
</context>
<context>
    <name>MachineTab</name>
    <message>
        <source>CPU usage</source>
        <translation>CPU-Auslastung</translation>
    </message>
    <message>
        <source>Memory usage</source>
        <translation>Speicherauslastung</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Arbeitsspeicher:</translation>
    </message>
    <message>
        <source>Data transferred this month</source>
        <translation>In diesem Monat übertragene Daten</translation>
    </message>
    <message>
        <source>Data this month:</source>
        <translation>Daten diesen Monat:</translation>
    </message>
    <message>
        <source>CPU over the last 3 minutes</source>
        <translation>CPU in den letzten 3 Minuten</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found</source>
        <translation>Keine NVIDIA-Grafikkarte gefunden</translation>
    </message>
    <message>
        <source>An NVIDIA driver is installed, but no GPU was found</source>
        <translation>Ein NVIDIA-Treiber ist installiert, aber es wurde keine Grafikkarte gefunden</translation>
    </message>
    <message>
        <source>GPU status</source>
        <translation>Grafikkarte</translation>
    </message>
    <message>
        <source>The current job&apos;s share</source>
        <translation>Anteil des aktuellen Jobs</translation>
    </message>
    <message>
        <source>GPU memory:</source>
        <translation>Grafikspeicher:</translation>
    </message>
    <message>
        <source>GPU use:</source>
        <translation>GPU-Auslastung:</translation>
    </message>
    <message>
        <source>No job process is running right now.</source>
        <translation>Gerade läuft kein Job-Prozess.</translation>
    </message>
    <message>
        <source>{pct:.0f} % of {n} cores</source>
        <translation>{pct:.0f} % von {n} Kernen</translation>
    </message>
    <message>
        <source>{pct:.0f} %</source>
        <translation>{pct:.0f} %</translation>
    </message>
    <message>
        <source>{used} of {limit} transferred</source>
        <translation>{used} von {limit} übertragen</translation>
    </message>
    <message>
        <source>{used} transferred</source>
        <translation>{used} übertragen</translation>
    </message>
    <message>
        <source>GPU {i}: {name}</source>
        <translation>GPU {i}: {name}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Desktop Agent</source>
        <translation>Desktop Agent</translation>
    </message>
    <message>
        <source>No system tray found — keep this window open (closing it stops contributing).</source>
        <translation>Kein Infobereich gefunden – lassen Sie dieses Fenster offen (Schließen beendet das Beitragen).</translation>
    </message>
    <message>
        <source>No system tray</source>
        <translation>Kein Infobereich</translation>
    </message>
    <message>
        <source>Dashboard sections</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>&amp;Now</source>
        <translation>&amp;Jetzt</translation>
    </message>
    <message>
        <source>&amp;Machine</source>
        <translation>&amp;Computer</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <source>H&amp;istory</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Save &amp;diagnostics…</source>
        <translation>&amp;Diagnosebericht speichern…</translation>
    </message>
    <message>
        <source>&amp;About Desktop Agent</source>
        <translation>Ü&amp;ber Desktop Agent</translation>
    </message>
    <message>
        <source>Desktop Agent {version}

Lends this computer&apos;s spare processor and graphics card to train small pieces of other people&apos;s machine-learning jobs for the Grid-X project. Jobs run at low priority, in a sandbox where the computer allows it, and you can pause at any time.

Your data folder: {folder}</source>
        <translation>Desktop Agent {version}

Stellt ungenutzte Prozessor- und Grafikkartenleistung dieses Computers bereit, um für das Projekt Grid-X kleine Teile der Machine-Learning-Jobs anderer Leute zu trainieren. Jobs laufen mit niedriger Priorität, in einer Sandbox, wo der Computer es erlaubt, und Sie können jederzeit pausieren.

Ihr Datenordner: {folder}</translation>
    </message>
    <message>
        <source>About Desktop Agent</source>
        <translation>Über Desktop Agent</translation>
    </message>
    <message>
        <source>Save diagnostics</source>
        <translation>Diagnosebericht speichern</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>ZIP-Dateien (*.zip)</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>Could not write diagnostics: {err}</source>
        <translation>Der Diagnosebericht konnte nicht geschrieben werden: {err}</translation>
    </message>
    <message>
        <source>Saved {path}.
Your machine id and email addresses were removed; look inside before sharing it.</source>
        <translation>{path} gespeichert.
Ihre Geräte-ID und E-Mail-Adressen wurden entfernt; sehen Sie vor dem Weitergeben hinein.</translation>
    </message>
    <message>
        <source>Desktop Agent keeps running in the system tray, near the clock. Click its icon to open this window again; use Quit in its menu to stop.</source>
        <translation>Desktop Agent läuft im Infobereich neben der Uhr weiter. Klicken Sie auf das Symbol, um dieses Fenster wieder zu öffnen; mit „Beenden“ im Menü halten Sie es an.</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>Läuft weiter</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Use the system&apos;s proxy settings</source>
        <translation>Proxy-Einstellungen des Systems verwenden</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Proxy address</source>
        <translation>Proxy-Adresse</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy:</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>A new proxy is used the next time the app starts.</source>
        <translation>Ein neuer Proxy gilt ab dem nächsten Start der App.</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> KB/s</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Fastest download speed for job files</source>
        <translation>Höchste Download-Geschwindigkeit für Job-Dateien</translation>
    </message>
    <message>
        <source>Fastest upload speed for results</source>
        <translation>Höchste Upload-Geschwindigkeit für Ergebnisse</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>Data allowed per month</source>
        <translation>Erlaubte Datenmenge pro Monat</translation>
    </message>
    <message>
        <source>Data use</source>
        <translation>Datenverbrauch</translation>
    </message>
    <message>
        <source>Download spee&amp;d:</source>
        <translation>&amp;Download-Tempo:</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Höchstens</translation>
    </message>
    <message>
        <source>&amp;Upload speed:</source>
        <translation>&amp;Upload-Tempo:</translation>
    </message>
    <message>
        <source>for results</source>
        <translation>für Ergebnisse</translation>
    </message>
    <message>
        <source>Per mon&amp;th:</source>
        <translation>Pro &amp;Monat:</translation>
    </message>
    <message>
        <source>downloaded and uploaded</source>
        <translation>herunter- und hochgeladen</translation>
    </message>
    <message>
        <source>Past the monthly amount no new task is taken until the 1st of the next month.</source>
        <translation>Ist die Monatsmenge erreicht, wird bis zum 1. des nächsten Monats keine neue Aufgabe angenommen.</translation>
    </message>
    <message>
        <source>Enter a proxy address such as http://proxy.example.com:3128</source>
        <translation>Geben Sie eine Proxy-Adresse ein, etwa http://proxy.example.com:3128</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Show a short popup when a task is done</source>
        <translation>Kurze Meldung anzeigen, wenn eine Aufgabe erledigt ist</translation>
    </message>
    <message>
        <source>Popup when a task is done</source>
        <translation>Meldung bei erledigter Aufgabe</translation>
    </message>
    <message>
        <source>Tell me when the server stays unreachable, and when it is back</source>
        <translation>Melden, wenn der Server länger nicht erreichbar ist und wenn er wieder da ist</translation>
    </message>
    <message>
        <source>Popup about server problems</source>
        <translation>Meldung bei Serverproblemen</translation>
    </message>
    <message>
        <source>Popups</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>A task that fails is always told.</source>
        <translation>Eine fehlgeschlagene Aufgabe wird immer gemeldet.</translation>
    </message>
</context>
<context>
    <name>NowTab</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Was als Nächstes passiert</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Pause or resume contributing</source>
        <translation>Beitragen pausieren oder fortsetzen</translation>
    </message>
    <message>
        <source>Set &amp;up again…</source>
        <translation>Neu ein&amp;richten…</translation>
    </message>
    <message>
        <source>Set up again</source>
        <translation>Neu einrichten</translation>
    </message>
    <message>
        <source>Snoo&amp;ze</source>
        <translation>&amp;Zeitweise pausieren</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Zeitweise pausieren</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Bis morgen</translation>
    </message>
    <message>
        <source>&amp;Finish current task, then pause</source>
        <translation>&amp;Aufgabe fertigstellen, dann pausieren</translation>
    </message>
    <message>
        <source>Finish current task, then pause</source>
        <translation>Aufgabe fertigstellen, dann pausieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Current task</source>
        <translation>Aktuelle Aufgabe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Task progress</source>
        <translation>Fortschritt der Aufgabe</translation>
    </message>
    <message>
        <source>Job:</source>
        <translation>Job:</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Gerade:</translation>
    </message>
    <message>
        <source>Running for:</source>
        <translation>Läuft seit:</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Verbleibend:</translation>
    </message>
    <message>
        <source>No task right now.</source>
        <translation>Gerade keine Aufgabe.</translation>
    </message>
    <message>
        <source>Last task</source>
        <translation>Letzte Aufgabe</translation>
    </message>
    <message>
        <source>Last task, for “{title}”: {outcome} after {duration}</source>
        <translation>Letzte Aufgabe, für „{title}“: {outcome} nach {duration}</translation>
    </message>
    <message>
        <source>Last task: {task} — {outcome} after {duration}</source>
        <translation>Letzte Aufgabe: {task} – {outcome} nach {duration}</translation>
    </message>
    <message>
        <source>Back online — result delivered. Thank you!</source>
        <translation>Wieder verbunden – Ergebnis übermittelt. Danke!</translation>
    </message>
    <message>
        <source>Back online — sending your result…</source>
        <translation>Wieder verbunden – Ihr Ergebnis wird gesendet…</translation>
    </message>
    <message>
        <source>Back online.</source>
        <translation>Wieder verbunden.</translation>
    </message>
    <message>
        <source>Finishing up, then closing.</source>
        <translation>Wird abgeschlossen, dann beendet.</translation>
    </message>
    <message>
        <source>{title} (job {id})</source>
        <translation>{title} (Job {id})</translation>
    </message>
    <message>
        <source> (resumed)</source>
        <translation> (fortgesetzt)</translation>
    </message>
    <message>
        <source>Saved — waiting to send</source>
        <translation>Gespeichert – wartet auf Senden</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
</context>
<context>
    <name>OutageLine</name>
    <message>
        <source>Server not answering</source>
        <translation>Server antwortet nicht</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>Jetzt &amp;neu versuchen</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt neu versuchen</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>Wieder verbunden</translation>
    </message>
</context>
<context>
    <name>ProgramList</name>
    <message>
        <source>Programs that pause the job</source>
        <translation>Programme, die den Job pausieren</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>Hinzu&amp;fügen…</translation>
    </message>
    <message>
        <source>Add a program</source>
        <translation>Programm hinzufügen</translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation>En&amp;tfernen</translation>
    </message>
    <message>
        <source>Remove the chosen program</source>
        <translation>Gewähltes Programm entfernen</translation>
    </message>
    <message>
        <source>No programs yet.</source>
        <translation>Noch keine Programme.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>computer in use (idle {idle} of {limit} min)</source>
        <translation>Computer wird benutzt ({idle} von {limit} Min. untätig)</translation>
    </message>
    <message>
        <source>on battery</source>
        <translation>im Akkubetrieb</translation>
    </message>
    <message>
        <source>outside the schedule</source>
        <translation>außerhalb des Zeitplans</translation>
    </message>
    <message>
        <source>low disk space ({free} free, {needed} needed)</source>
        <translation>wenig Speicherplatz ({free} frei, {needed} nötig)</translation>
    </message>
    <message>
        <source>on a metered connection</source>
        <translation>über eine getaktete Verbindung</translation>
    </message>
    <message>
        <source>GPU too hot ({celsius} °C; resumes below {resume_below} °C)</source>
        <translation>GPU zu heiß ({celsius} °C; weiter unter {resume_below} °C)</translation>
    </message>
    <message>
        <source>CPU too hot ({celsius} °C; resumes below {resume_below} °C)</source>
        <translation>CPU zu heiß ({celsius} °C; weiter unter {resume_below} °C)</translation>
    </message>
    <message>
        <source>the job uses {share} % of memory (limit {limit} %)</source>
        <translation>die Aufgabe belegt {share} % des Arbeitsspeichers (Grenze {limit} %)</translation>
    </message>
    <message>
        <source>jobs cannot be sandboxed here ({why}) and unsandboxed jobs are not allowed — install bubblewrap, or allow unsandboxed jobs</source>
        <translation>Aufgaben können hier nicht abgeschottet werden ({why}), und ungeschützte Aufgaben sind nicht erlaubt — installieren Sie bubblewrap oder erlauben Sie ungeschützte Aufgaben</translation>
    </message>
    <message>
        <source>a full-screen app is in front</source>
        <translation>eine Vollbild-App ist im Vordergrund</translation>
    </message>
    <message>
        <source>{program} is running</source>
        <translation>{program} läuft</translation>
    </message>
    <message>
        <source>this month&apos;s transfer limit ({limit}) is used up — work resumes on {day}</source>
        <translation>das Datenvolumen dieses Monats ({limit}) ist aufgebraucht — es geht am {day} weiter</translation>
    </message>
    <message>
        <source>{why} — &quot;only when idle&quot; cannot apply</source>
        <translation>{why} — „nur bei Untätigkeit“ kann nicht gelten</translation>
    </message>
    <message>
        <source>CPU temperature unknown ({why}) — the CPU temperature limit cannot apply</source>
        <translation>CPU-Temperatur unbekannt ({why}) — die CPU-Temperaturgrenze kann nicht gelten</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>morgen {time}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>outside the schedule (until {when})</source>
        <translation>außerhalb des Zeitplans (bis {when})</translation>
    </message>
    <message>
        <source>d MMMM</source>
        <translation>d. MMMM</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Start at login</source>
        <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Pause on battery</source>
        <translation>Im Akkubetrieb pausieren</translation>
    </message>
    <message>
        <source>No downloads on a metered connection</source>
        <translation>Keine Downloads über getaktete Verbindungen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Run jobs at low priority</source>
        <translation>Jobs mit niedriger Priorität ausführen</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Memory limit for a job</source>
        <translation>Speichergrenze für einen Job</translation>
    </message>
    <message>
        <source>pause it</source>
        <translation>pausieren</translation>
    </message>
    <message>
        <source>stop it</source>
        <translation>beenden</translation>
    </message>
    <message>
        <source>What to do past the memory limit</source>
        <translation>Was bei Überschreiten der Speichergrenze passiert</translation>
    </message>
    <message>
        <source>Give a paused task back after</source>
        <translation>Pausierte Aufgabe zurückgeben nach</translation>
    </message>
    <message>
        <source>Use the GPU</source>
        <translation>Grafikkarte verwenden</translation>
    </message>
    <message>
        <source>Start when I log in (in the tray)</source>
        <translation>Bei meiner Anmeldung starten (im Infobereich)</translation>
    </message>
    <message>
        <source>Only when I&apos;m not using the computer</source>
        <translation>Nur wenn ich den Computer nicht benutze</translation>
    </message>
    <message>
        <source>Only when the computer is not in use</source>
        <translation>Nur wenn der Computer nicht benutzt wird</translation>
    </message>
    <message>
        <source>Minutes without use before work starts</source>
        <translation>Minuten ohne Benutzung, bevor die Arbeit beginnt</translation>
    </message>
    <message>
        <source>When the computer runs on battery</source>
        <translation>Wenn der Computer im Akkubetrieb läuft</translation>
    </message>
    <message>
        <source>While a full-screen program (a game, a film) is in front</source>
        <translation>Solange ein Vollbildprogramm (Spiel, Film) im Vordergrund ist</translation>
    </message>
    <message>
        <source>Pause while a full-screen program is in front</source>
        <translation>Pausieren, solange ein Vollbildprogramm im Vordergrund ist</translation>
    </message>
    <message>
        <source>No downloads on a metered connection (mobile data)</source>
        <translation>Keine Downloads über getaktete Verbindungen (mobile Daten)</translation>
    </message>
    <message>
        <source>Processor cores a job may use</source>
        <translation>Prozessorkerne, die ein Job nutzen darf</translation>
    </message>
    <message>
        <source>Share of the processor time a job may use</source>
        <translation>Anteil der Prozessorzeit, den ein Job nutzen darf</translation>
    </message>
    <message>
        <source>Run jobs at low priority, so my own programs come first</source>
        <translation>Jobs mit niedriger Priorität ausführen, damit meine Programme Vorrang haben</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Pause above this processor temperature</source>
        <translation>Über dieser Prozessortemperatur pausieren</translation>
    </message>
    <message>
        <source>Use the graphics card (GPU)</source>
        <translation>Grafikkarte (GPU) verwenden</translation>
    </message>
    <message>
        <source>Pause above this GPU temperature</source>
        <translation>Über dieser GPU-Temperatur pausieren</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>Beginnen nach</translation>
    </message>
    <message>
        <source>without mouse or keyboard</source>
        <translation>ohne Maus und Tastatur</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Uhrzeiten</translation>
    </message>
    <message>
        <source>Pause the job</source>
        <translation>Job pausieren</translation>
    </message>
    <message>
        <source>While any of these programs is o&amp;pen:</source>
        <translation>Solange eines dieser Programme &amp;offen ist:</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>&amp;Processor cores:</source>
        <translation>Prozessor&amp;kerne:</translation>
    </message>
    <message>
        <source>Processor &amp;time:</source>
        <translation>Prozessorzei&amp;t:</translation>
    </message>
    <message>
        <source>Use at most</source>
        <translation>Höchstens</translation>
    </message>
    <message>
        <source>of the processor time</source>
        <translation>der Prozessorzeit nutzen</translation>
    </message>
    <message>
        <source>Memor&amp;y:</source>
        <translation>&amp;Arbeitsspeicher:</translation>
    </message>
    <message>
        <source>If a job uses more than</source>
        <translation>Nutzt ein Job mehr als</translation>
    </message>
    <message>
        <source>of the memory,</source>
        <translation>des Speichers:</translation>
    </message>
    <message>
        <source>Processor temperature:</source>
        <translation>Prozessortemperatur:</translation>
    </message>
    <message>
        <source>&amp;GPU temperature:</source>
        <translation>&amp;GPU-Temperatur:</translation>
    </message>
    <message>
        <source>Paused tas&amp;k:</source>
        <translation>Pa&amp;usierte Aufgabe:</translation>
    </message>
    <message>
        <source>Give it back after</source>
        <translation>Zurückgeben nach</translation>
    </message>
    <message>
        <source>so someone else can finish it</source>
        <translation>damit jemand anderes sie beendet</translation>
    </message>
    <message>
        <source>Limits on the processor and memory apply from the next task.</source>
        <translation>Grenzen für Prozessor und Speicher gelten ab der nächsten Aufgabe.</translation>
    </message>
    <message>
        <source>Saved. Rules apply now; processor and GPU limits from the next task.</source>
        <translation>Gespeichert. Regeln gelten sofort, Grenzen für Prozessor und GPU ab der nächsten Aufgabe.</translation>
    </message>
    <message>
        <source>Pause above</source>
        <translation>Pausieren über</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save contribution rules</source>
        <translation>Regeln zum Beitragen speichern</translation>
    </message>
    <message>
        <source>Could not save: {err}</source>
        <translation>Speichern nicht möglich: {err}</translation>
    </message>
    <message>
        <source>Could not change start at login: {err}</source>
        <translation>Start bei der Anmeldung konnte nicht geändert werden: {err}</translation>
    </message>
    <message>
        <source>Starts at login: {where}</source>
        <translation>Startet bei der Anmeldung: {where}</translation>
    </message>
    <message>
        <source>Won&apos;t start at login.</source>
        <translation>Startet nicht bei der Anmeldung.</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <source>Contribute at any time of the week</source>
        <translation>Zu jeder Zeit der Woche beitragen</translation>
    </message>
    <message>
        <source>Only during these hours (this computer&apos;s clock):</source>
        <translation>Nur zu diesen Zeiten (Uhr dieses Computers):</translation>
    </message>
    <message>
        <source>Contribute only during chosen hours</source>
        <translation>Nur zu gewählten Zeiten beitragen</translation>
    </message>
    <message>
        <source>not this day</source>
        <translation>an diesem Tag nicht</translation>
    </message>
    <message>
        <source>Add hours</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add hours on {day}</source>
        <translation>Zeiten am {day} hinzufügen</translation>
    </message>
    <message>
        <source>Add hours to at least one day, or choose &quot;Any time&quot;.</source>
        <translation>Fügen Sie mindestens einem Tag Zeiten hinzu oder wählen Sie „Jederzeit“.</translation>
    </message>
    <message>
        <source>{day}: the hours start and end at the same time ({at}) — change one of them, or remove them.</source>
        <translation>{day}: Die Zeiten beginnen und enden gleichzeitig ({at}) – ändern Sie eine davon oder entfernen Sie sie.</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Account and language</source>
        <translation>Konto und Sprache</translation>
    </message>
    <message>
        <source>When to contribute</source>
        <translation>Wann beitragen</translation>
    </message>
    <message>
        <source>How much to use</source>
        <translation>Wie viel nutzen</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicherplatz</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Einstellungsseiten</translation>
    </message>
    <message>
        <source>Settings status</source>
        <translation>Status der Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Revert to the saved settings</source>
        <translation>Gespeicherte Einstellungen wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>Ü&amp;bernehmen</translation>
    </message>
    <message>
        <source>Apply and save the settings</source>
        <translation>Einstellungen übernehmen und speichern</translation>
    </message>
    <message>
        <source>Changes not saved yet — press Apply to use them.</source>
        <translation>Änderungen noch nicht gespeichert – zum Verwenden „Übernehmen“ drücken.</translation>
    </message>
    <message>
        <source>These settings could not be saved: {err}</source>
        <translation>Diese Einstellungen konnten nicht gespeichert werden: {err}</translation>
    </message>
    <message>
        <source>Could not save the settings ({err}). Check that there is free disk space and that the data folder can be written to.</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden ({err}). Prüfen Sie, ob genug Speicherplatz frei ist und der Datenordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>Saved. Rules apply now; processor and GPU limits from the next task; the proxy and the language the next time the app starts.</source>
        <translation>Gespeichert. Regeln gelten sofort, Grenzen für Prozessor und GPU ab der nächsten Aufgabe, Proxy und Sprache ab dem nächsten Start der App.</translation>
    </message>
    <message>
        <source>Back to the saved settings.</source>
        <translation>Gespeicherte Einstellungen wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>This email has no account yet — create one on the website, &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;, then press Connect again. Already registered with capital letters before the @? Ask the project to change your account&apos;s email to lower case.</source>
        <translation>Zu dieser E-Mail-Adresse gibt es noch kein Konto – legen Sie eines auf der Website an, &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;, und klicken Sie dann erneut auf „Verbinden“. Schon mit Großbuchstaben vor dem @ registriert? Bitten Sie das Projekt, die E-Mail-Adresse Ihres Kontos in Kleinbuchstaben zu ändern.</translation>
    </message>
    <message>
        <source>This email has no account yet — register on the website first. Already registered? If the address you signed up with has capital letters before the @, the server can never match it: ask the project to change your account&apos;s email to lower case, or sign up again with the address all in lower case.</source>
        <translation>Zu dieser E-Mail gibt es noch kein Konto – registrieren Sie sich zuerst auf der Website. Schon registriert? Hat die Adresse, mit der Sie sich angemeldet haben, Großbuchstaben vor dem @, kann der Server sie nie zuordnen: Bitten Sie das Projekt, die E-Mail Ihres Kontos in Kleinbuchstaben zu ändern, oder registrieren Sie sich neu mit der Adresse ganz in Kleinbuchstaben.</translation>
    </message>
    <message>
        <source>The server at {server} answered, but it does not look like a Grid-X server — check the address.</source>
        <translation>Der Server unter {server} hat geantwortet, scheint aber kein Grid-X-Server zu sein – prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>Can&apos;t reach the server at {server} — check the address or your connection.</source>
        <translation>Der Server unter {server} ist nicht erreichbar – prüfen Sie die Adresse oder Ihre Verbindung.</translation>
    </message>
    <message>
        <source>Something went wrong while connecting: {error}</source>
        <translation>Beim Verbinden ist etwas schiefgegangen: {error}</translation>
    </message>
    <message>
        <source>Set up Desktop Agent</source>
        <translation>Desktop Agent einrichten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Share this computer&apos;s spare power&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ungenutzte Leistung dieses Computers teilen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>By connecting, you trust this server to send this computer code written by other people. Where the computer allows it, that code runs in a sandbox with no network and no access to your files.</source>
        <translation>Mit dem Verbinden vertrauen Sie diesem Server, dass er diesem Computer Code schickt, den andere geschrieben haben. Wo der Computer es erlaubt, läuft dieser Code in einer Sandbox ohne Netzwerk und ohne Zugriff auf Ihre Dateien.</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>sie@example.com</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>The email of your account on the project&apos;s website.</source>
        <translation>Die E-Mail-Adresse Ihres Kontos auf der Website des Projekts.</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Show advanced settings</source>
        <translation>Erweiterte Einstellungen anzeigen</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server-Adresse</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Verbindungsproblem</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Back to the email</source>
        <translation>Zurück zur E-Mail</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Next: when to help</source>
        <translation>Weiter: wann helfen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Connects to {server}, the project&apos;s default server.</source>
        <translation>Verbindet mit {server}, dem Standardserver des Projekts.</translation>
    </message>
    <message>
        <source>Connects to {server} — not the project&apos;s default server; make sure it is the one you were given.</source>
        <translation>Verbindet mit {server} – nicht dem Standardserver des Projekts; prüfen Sie, ob es der ist, den man Ihnen genannt hat.</translation>
    </message>
    <message>
        <source>Step {n} of 2</source>
        <translation>Schritt {n} von 2</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <source>That doesn&apos;t look like an email address — check for typos.</source>
        <translation>Das sieht nicht nach einer E-Mail-Adresse aus – prüfen Sie die Schreibweise.</translation>
    </message>
    <message>
        <source>This computer trains small pieces of machine-learning jobs for researchers, at low priority so your own programs come first. You can pause at any time.</source>
        <translation>Dieser Computer trainiert kleine Teile von Machine-Learning-Jobs für Forschende, mit niedriger Priorität, damit Ihre eigenen Programme Vorrang haben. Sie können jederzeit pausieren.</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://</source>
        <translation>Die Server-Adresse muss mit http:// oder https:// beginnen</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>{eta} left</source>
        <translation>noch {eta}</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Preparing environment</source>
        <translation>Umgebung wird vorbereitet</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>Sending the result</source>
        <translation>Ergebnis wird gesendet</translation>
    </message>
    <message>
        <source>Reporting to the server</source>
        <translation>Meldung an den Server</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>läuft noch</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>not accepted by the server</source>
        <translation>vom Server nicht angenommen</translation>
    </message>
    <message>
        <source>the job&apos;s code failed</source>
        <translation>Fehler im Code des Jobs</translation>
    </message>
    <message>
        <source>given back for someone else</source>
        <translation>für jemand anderen zurückgegeben</translation>
    </message>
    <message>
        <source>stopped and not sent</source>
        <translation>angehalten, nicht gesendet</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>weniger als eine Minute</translation>
    </message>
    <message>
        <source>about {n} min</source>
        <translation>etwa {n}&#xa0;Min.</translation>
    </message>
    <message>
        <source>about {h} h {m:02d} min</source>
        <translation>etwa {h}&#xa0;Std. {m:02d}&#xa0;Min.</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering — your result is saved and will be sent automatically.</source>
        <translation>Der {server}-Server antwortet nicht – Ihr Ergebnis ist gespeichert und wird automatisch gesendet.</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering — nothing is lost; it is tried again automatically.</source>
        <translation>Der {server}-Server antwortet nicht – nichts geht verloren; es wird automatisch erneut versucht.</translation>
    </message>
    <message>
        <source>Next try in {n} s.</source>
        <translation>Nächster Versuch in {n} s.</translation>
    </message>
    <message>
        <source>Trying again now…</source>
        <translation>Neuer Versuch läuft…</translation>
    </message>
    <message>
        <source>The task is on hold. A task paused for more than {n} min is given back so someone else can finish it.</source>
        <translation>Die Aufgabe ist angehalten. Eine Aufgabe, die länger als {n}&#xa0;Min. pausiert, wird zurückgegeben, damit jemand anderes sie fertigstellen kann.</translation>
    </message>
    <message>
        <source>Paused while {program} is running</source>
        <translation>Pausiert, solange {program} läuft</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>Wartet auf den Server</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird beendet…</translation>
    </message>
    <message>
        <source>The task in hand is kept and continues next time.</source>
        <translation>Die begonnene Aufgabe bleibt erhalten und läuft beim nächsten Mal weiter.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Needs setup</source>
        <translation>Einrichtung nötig</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Can&apos;t reach the {server} server yet</source>
        <translation>Der {server}-Server ist noch nicht erreichbar</translation>
    </message>
    <message>
        <source>It is tried again automatically.</source>
        <translation>Es wird automatisch erneut versucht.</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Verbindung zum Server…</translation>
    </message>
    <message>
        <source>Giving a task back to the server…</source>
        <translation>Aufgabe wird an den Server zurückgegeben…</translation>
    </message>
    <message>
        <source>Resting a few minutes so the server can hand it to someone else.</source>
        <translation>Ein paar Minuten Pause, damit der Server sie jemand anderem geben kann.</translation>
    </message>
    <message>
        <source>Paused by you</source>
        <translation>Von Ihnen pausiert</translation>
    </message>
    <message>
        <source>Nothing runs until you resume.</source>
        <translation>Nichts läuft, bis Sie fortsetzen.</translation>
    </message>
    <message>
        <source>paused by you</source>
        <translation>von Ihnen pausiert</translation>
    </message>
    <message>
        <source>Snoozed until {when}</source>
        <translation>Schlummern bis {when}</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Zeitweise pausiert</translation>
    </message>
    <message>
        <source>Contributing starts again by itself.</source>
        <translation>Das Beitragen beginnt von selbst wieder.</translation>
    </message>
    <message>
        <source>Finishing this task, then pausing</source>
        <translation>Diese Aufgabe wird fertiggestellt, dann Pause</translation>
    </message>
    <message>
        <source>On hold for now: {why}</source>
        <translation>Vorerst angehalten: {why}</translation>
    </message>
    <message>
        <source>No new task is taken.</source>
        <translation>Es wird keine neue Aufgabe angenommen.</translation>
    </message>
    <message>
        <source>keep contributing after this task</source>
        <translation>nach dieser Aufgabe weiter beitragen</translation>
    </message>
    <message>
        <source>Waiting: {why}</source>
        <translation>Wartet: {why}</translation>
    </message>
    <message>
        <source>Task on hold</source>
        <translation>Aufgabe angehalten</translation>
    </message>
    <message>
        <source>The task continues by itself when that changes.</source>
        <translation>Die Aufgabe läuft von selbst weiter, sobald sich das ändert.</translation>
    </message>
    <message>
        <source>Your result is ready — waiting for the server</source>
        <translation>Ihr Ergebnis ist fertig – wartet auf den Server</translation>
    </message>
    <message>
        <source>Working on “{title}”</source>
        <translation>Arbeitet an „{title}“</translation>
    </message>
    <message>
        <source>Working on a task</source>
        <translation>Arbeitet an einer Aufgabe</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering</source>
        <translation>Der {server}-Server antwortet nicht</translation>
    </message>
    <message>
        <source>Paused: {why}</source>
        <translation>Pausiert: {why}</translation>
    </message>
    <message>
        <source>A result already in hand is still sent; the limit can be changed in Settings.</source>
        <translation>Ein schon fertiges Ergebnis wird noch gesendet; die Grenze lässt sich in den Einstellungen ändern.</translation>
    </message>
    <message>
        <source>Work starts by itself when that changes.</source>
        <translation>Die Arbeit beginnt von selbst, sobald sich das ändert.</translation>
    </message>
    <message>
        <source>Ready — waiting for work</source>
        <translation>Bereit – wartet auf Arbeit</translation>
    </message>
    <message>
        <source>New work is picked up automatically.</source>
        <translation>Neue Arbeit wird automatisch übernommen.</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>Ordner ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Datenordner öffnen</translation>
    </message>
</context>
<context>
    <name>TaskDetailsDialog</name>
    <message>
        <source>{n:,} bytes</source>
        <translation>{n:,} Byte</translation>
    </message>
    <message>
        <source>{cpu:.1f} s of CPU</source>
        <translation>{cpu:.1f} s CPU-Zeit</translation>
    </message>
    <message>
        <source>CPU time not measured</source>
        <translation>CPU-Zeit nicht gemessen</translation>
    </message>
    <message>
        <source>peak memory {mb:.0f} MB</source>
        <translation>Speicher max. {mb:.0f} MB</translation>
    </message>
    <message>
        <source>peak GPU memory {mb:.0f} MB</source>
        <translation>Grafikspeicher max. {mb:.0f} MB</translation>
    </message>
    <message>
        <source>energy {wh:.2f} Wh ({how})</source>
        <translation>Energie {wh:.2f} Wh ({how})</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <source>energy not measured</source>
        <translation>Energie nicht gemessen</translation>
    </message>
    <message>
        <source>not recorded (the task did not get as far as running train.py)</source>
        <translation>nicht erfasst (die Aufgabe kam nicht bis zum Start von train.py)</translation>
    </message>
    <message>
        <source>bwrap — contained: no network, no access to your files, only its own folder writable</source>
        <translation>bwrap – abgeschottet: kein Netzwerk, kein Zugriff auf Ihre Dateien, nur der eigene Ordner beschreibbar</translation>
    </message>
    <message>
        <source>no sandbox available</source>
        <translation>keine Sandbox verfügbar</translation>
    </message>
    <message>
        <source>bubblewrap is not installed</source>
        <translation>bubblewrap ist nicht installiert</translation>
    </message>
    <message>
        <source>no sandbox on this system yet</source>
        <translation>auf diesem System noch keine Sandbox</translation>
    </message>
    <message>
        <source>bubblewrap does not work here: {why}</source>
        <translation>bubblewrap funktioniert hier nicht: {why}</translation>
    </message>
    <message>
        <source>none — ran without a sandbox ({why}); it could read what your account can read</source>
        <translation>keine – lief ohne Sandbox ({why}); sie konnte lesen, was Ihr Konto lesen kann</translation>
    </message>
    <message>
        <source>Task {task} — what ran</source>
        <translation>Aufgabe {task} – was lief</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>{task} (job {job})</source>
        <translation>{task} (Job {job})</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{outcome} after {s:.1f} s</source>
        <translation>{outcome} nach {s:.1f} s</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Limits enforced by</source>
        <translation>Grenzen durchgesetzt von</translation>
    </message>
    <message>
        <source>train.py SHA-256</source>
        <translation>train.py SHA-256</translation>
    </message>
    <message>
        <source>train.py size</source>
        <translation>Größe von train.py</translation>
    </message>
    <message>
        <source>Data size</source>
        <translation>Datengröße</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <source>What it cost</source>
        <translation>Was es gekostet hat</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Abhängigkeiten</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>Protokoll öffnen</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Ergebnis öffnen</translation>
    </message>
</context>
<context>
    <name>TimeWords</name>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h}&#xa0;Std. {m:02d}&#xa0;Min.</translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation>{m}&#xa0;Min. {s:02d}&#xa0;s</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s}&#xa0;s</translation>
    </message>
    <message>
        <source>Today {time}</source>
        <translation>Heute {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>Gestern {time}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Zeitweise pausieren</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <source>Until tomorrow morning (07:00)</source>
        <translation>Bis morgen früh (07:00)</translation>
    </message>
    <message>
        <source>Finish current task, then pause</source>
        <translation>Aufgabe fertigstellen, dann pausieren</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation>Fenster öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Back online — your result was delivered. Thank you!</source>
        <translation>Wieder verbunden – Ihr Ergebnis wurde übermittelt. Danke!</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Aufgabe erledigt</translation>
    </message>
    <message>
        <source>Task {id} finished. Thank you!</source>
        <translation>Aufgabe {id} erledigt. Danke!</translation>
    </message>
    <message>
        <source>Task failed</source>
        <translation>Aufgabe fehlgeschlagen</translation>
    </message>
    <message>
        <source>Task {id} failed; the job&apos;s owner is told.</source>
        <translation>Aufgabe {id} ist fehlgeschlagen; der Auftraggeber wird informiert.</translation>
    </message>
    <message>
        <source>Setup needed</source>
        <translation>Einrichtung nötig</translation>
    </message>
    <message>
        <source>The {server} server is answering again.</source>
        <translation>Der Server {server} antwortet wieder.</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>Wieder verbunden</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>The server isn&apos;t answering</source>
        <translation>Der Server antwortet nicht</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>{n} B</source>
        <translation>{n} B</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n} KB</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>{n} GB</source>
        <translation>{n} GB</translation>
    </message>
    <message>
        <source>{n} TB</source>
        <translation>{n} TB</translation>
    </message>
</context>
<context>
    <name>UpdateLine</name>
    <message>
        <source>Restart to update</source>
        <translation>Zum Aktualisieren neu starten</translation>
    </message>
    <message>
        <source>Available once the current task is finished</source>
        <translation>Verfügbar, sobald die aktuelle Aufgabe fertig ist</translation>
    </message>
</context>
<context>
    <name>_GpuBox</name>
    <message>
        <source>Utilisation:</source>
        <translation>Auslastung:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Arbeitsspeicher:</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <source>Power:</source>
        <translation>Leistung:</translation>
    </message>
</context>
<context>
    <name>_Range</name>
    <message>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <source>until</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>{day} {what}</source>
        <translation>{day} {what}</translation>
    </message>
    <message>
        <source>midnight</source>
        <translation>Mitternacht</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove these hours on {day}</source>
        <translation>Diese Zeiten am {day} entfernen</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
</context>
</TS>
