<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AccountPage</name>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>Modifi&amp;er…</translation>
    </message>
    <message>
        <source>Change email or server</source>
        <translation>Modifier l&apos;e-mail ou le serveur</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>A new language shows the next time the app starts.</source>
        <translation>La nouvelle langue s&apos;affiche au prochain démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>(not set up)</source>
        <translation>(non configuré)</translation>
    </message>
</context>
<context>
    <name>AddProgramDialog</name>
    <message>
        <source>Pause for a program</source>
        <translation>Pause pour un programme</translation>
    </message>
    <message>
        <source>Program name</source>
        <translation>Nom du programme</translation>
    </message>
    <message>
        <source>for example steam</source>
        <translation>par exemple steam</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Programme :</translation>
    </message>
    <message>
        <source>Pick a program that is running now, or type its name if it isn&apos;t.</source>
        <translation>Choisissez un programme ouvert, ou tapez son nom s&apos;il ne l&apos;est pas.</translation>
    </message>
    <message>
        <source>Problem with the program name</source>
        <translation>Problème avec le nom du programme</translation>
    </message>
    <message>
        <source>Type or pick the name of a program.</source>
        <translation>Tapez ou choisissez le nom d&apos;un programme.</translation>
    </message>
    <message>
        <source>That name is too long for a program name.</source>
        <translation>Ce nom est trop long pour un nom de programme.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>A result is waiting</source>
        <translation>Un résultat est en attente</translation>
    </message>
    <message>
        <source>A finished result is still waiting to be delivered to the server.</source>
        <translation>Un résultat terminé attend encore d&apos;être envoyé au serveur.</translation>
    </message>
    <message>
        <source>If you change the account now, the credit for it may be lost. Wait until it is delivered?</source>
        <translation>Si vous changez de compte maintenant, le crédit de ce résultat peut être perdu. Attendre qu&apos;il soit envoyé&#xa0;?</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Attendre</translation>
    </message>
    <message>
        <source>Change anyway</source>
        <translation>Changer quand même</translation>
    </message>
    <message>
        <source>&amp;Pause anyway</source>
        <translation>Mettre en &amp;pause quand même</translation>
    </message>
    <message>
        <source>&amp;Snooze anyway</source>
        <translation>Pause &amp;temporaire quand même</translation>
    </message>
    <message>
        <source>Desktop Agent — Stopping…</source>
        <translation>Desktop Agent — arrêt en cours…</translation>
    </message>
    <message>
        <source>The engine stopped.</source>
        <translation>Le moteur s&apos;est arrêté.</translation>
    </message>
    <message>
        <source>The engine stopped with an error: {msg}</source>
        <translation>Le moteur s&apos;est arrêté sur une erreur&#xa0;: {msg}</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly several times in a row (last at {when}) and was not restarted automatically. If it happens again, please send the diagnostics report from the Help menu to the project.</source>
        <translation>Desktop Agent s&apos;est arrêté de façon inattendue plusieurs fois de suite (la dernière à {when}) et n&apos;a pas été redémarré automatiquement. Si cela se reproduit, envoyez au projet le rapport de diagnostic du menu Aide.</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly at {when} and started again by itself. It is continuing the task it was working on; nothing was lost.</source>
        <translation>Desktop Agent s&apos;est arrêté de façon inattendue à {when} et a redémarré tout seul. Il poursuit la tâche en cours ; rien n&apos;est perdu.</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly at {when} and started again by itself.</source>
        <translation>Desktop Agent s&apos;est arrêté de façon inattendue à {when} et a redémarré tout seul.</translation>
    </message>
    <message>
        <source>Desktop Agent restarted</source>
        <translation>Desktop Agent a redémarré</translation>
    </message>
</context>
<context>
    <name>ContributionChart</name>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} h {m:02d} min</translation>
    </message>
    <message>
        <source>Nothing given in the last {n} days yet.</source>
        <translation>Rien donné au cours des {n} derniers jours.</translation>
    </message>
    <message>
        <source>Last {n} days: {total} of compute; yesterday {yesterday}; most on {day} ({best}).</source>
        <translation>{n} derniers jours&#xa0;: {total} de calcul&#xa0;; hier {yesterday}&#xa0;; le plus le {day} ({best}).</translation>
    </message>
    <message>
        <source>Compute given per day</source>
        <translation>Calcul donné par jour</translation>
    </message>
</context>
<context>
    <name>ContributionChoice</name>
    <message>
        <source>&lt;b&gt;When should this computer help?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Quand cet ordinateur doit-il aider ?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Only when I&apos;m not using the computer</source>
        <translation>&amp;Seulement quand je n&apos;utilise pas l&apos;ordinateur</translation>
    </message>
    <message>
        <source>Only when I&apos;m not using the computer</source>
        <translation>Seulement quand je n&apos;utilise pas l&apos;ordinateur</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes without use before work starts</source>
        <translation>Minutes sans utilisation avant que le travail commence</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>Commencer après</translation>
    </message>
    <message>
        <source>without mouse or keyboard</source>
        <translation>sans souris ni clavier</translation>
    </message>
    <message>
        <source>Work pauses as soon as you are back.</source>
        <translation>Le travail s&apos;arrête dès votre retour.</translation>
    </message>
    <message>
        <source>&amp;Always, at low priority</source>
        <translation>&amp;Toujours, en priorité basse</translation>
    </message>
    <message>
        <source>Always, at low priority</source>
        <translation>Toujours, en priorité basse</translation>
    </message>
    <message>
        <source>Your own programs still come first, but the computer works whenever it is on — you may hear its fan more often.</source>
        <translation>Vos programmes passent toujours en premier, mais l&apos;ordinateur travaille dès qu&apos;il est allumé — vous entendrez peut-être plus souvent son ventilateur.</translation>
    </message>
    <message>
        <source>&amp;Start when I log in (in the tray)</source>
        <translation>&amp;Démarrer à l&apos;ouverture de session (zone de notification)</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Démarrer à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>You can pause at any time, and change this later in Settings → When to contribute.</source>
        <translation>Vous pouvez faire une pause à tout moment, et changer cela plus tard dans Paramètres → Quand contribuer.</translation>
    </message>
</context>
<context>
    <name>ContributionView</name>
    <message>
        <source>Your contribution</source>
        <translation>Votre contribution</translation>
    </message>
    <message>
        <source>Energy given: not measured</source>
        <translation>Énergie donnée&#xa0;: non mesurée</translation>
    </message>
    <message>
        <source>Energy given</source>
        <translation>Énergie donnée</translation>
    </message>
    <message>
        <source>Compute this computer gave, per day</source>
        <translation>Calcul donné par cet ordinateur, par jour</translation>
    </message>
    <message>
        <source>So far this computer has finished 1 task ({t} of compute). Thank you!</source>
        <translation>Jusqu&apos;ici, cet ordinateur a terminé 1 tâche ({t} de calcul). Merci&#xa0;!</translation>
    </message>
    <message>
        <source>So far this computer has finished {n} tasks ({t} of compute). Thank you!</source>
        <translation>Jusqu&apos;ici, cet ordinateur a terminé {n} tâches ({t} de calcul). Merci&#xa0;!</translation>
    </message>
    <message>
        <source>Finished tasks will be counted here.</source>
        <translation>Les tâches terminées seront comptées ici.</translation>
    </message>
    <message>
        <source>This machine has given {e}</source>
        <translation>Cet ordinateur a donné {e}</translation>
    </message>
</context>
<context>
    <name>EnvCacheWidget</name>
    <message>
        <source>Job environments: measuring…</source>
        <translation>Environnements des travaux&#xa0;: mesure en cours…</translation>
    </message>
    <message>
        <source>Disk used by job environments</source>
        <translation>Espace disque utilisé par les environnements des travaux</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vider</translation>
    </message>
    <message>
        <source>Clear job environments</source>
        <translation>Vider les environnements des travaux</translation>
    </message>
    <message>
        <source>Delete cached job environments; they are rebuilt when a job needs them</source>
        <translation>Supprimer les environnements en cache&#xa0;; ils sont recréés quand un travail en a besoin</translation>
    </message>
    <message>
        <source>Job environments: a task is running — Clear when it ends</source>
        <translation>Environnements des travaux&#xa0;: une tâche est en cours — videz-les quand elle sera finie</translation>
    </message>
    <message>
        <source>Job environments: clearing…</source>
        <translation>Environnements des travaux&#xa0;: nettoyage…</translation>
    </message>
    <message>
        <source>Job environments: could not measure ({0})</source>
        <translation>Environnements des travaux&#xa0;: mesure impossible ({0})</translation>
    </message>
    <message>
        <source>Job environments: {0} of {1}</source>
        <translation>Environnements des travaux&#xa0;: {0} sur {1}</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>The server had already handed this task to someone else, so this result was not needed. Nothing is wrong with your computer.</source>
        <translation>Le serveur avait déjà confié cette tâche à quelqu&apos;un d&apos;autre&#xa0;; ce résultat n&apos;était donc pas nécessaire. Votre ordinateur n&apos;a aucun problème.</translation>
    </message>
    <message>
        <source>The server had a problem of its own; it was tried again automatically.</source>
        <translation>Le serveur a eu un problème de son côté&#xa0;; une nouvelle tentative a eu lieu automatiquement.</translation>
    </message>
    <message>
        <source>The connection to the server broke; it was tried again automatically.</source>
        <translation>La connexion au serveur a été coupée&#xa0;; une nouvelle tentative a eu lieu automatiquement.</translation>
    </message>
    <message>
        <source>The server did not accept the result.</source>
        <translation>Le serveur n&apos;a pas accepté le résultat.</translation>
    </message>
    <message>
        <source>The server did not accept the report that this task was finished.</source>
        <translation>Le serveur n&apos;a pas accepté l&apos;annonce de la fin de cette tâche.</translation>
    </message>
    <message>
        <source>The server gave an answer this app could not use.</source>
        <translation>Le serveur a donné une réponse que cette application ne peut pas utiliser.</translation>
    </message>
    <message>
        <source>Given back to the server after it was paused for more than {n} min, so someone else could finish it.</source>
        <translation>Rendue au serveur après plus de {n} min en pause, pour que quelqu&apos;un d&apos;autre puisse la terminer.</translation>
    </message>
    <message>
        <source>the server did not confirm that it had the finished task</source>
        <translation>le serveur n&apos;a pas confirmé avoir reçu la tâche terminée</translation>
    </message>
    <message>
        <source>the disk filled up again while this task ran</source>
        <translation>le disque s&apos;est de nouveau rempli pendant cette tâche</translation>
    </message>
    <message>
        <source>the disk holding the app&apos;s work folder is full</source>
        <translation>le disque qui contient le dossier de travail de l&apos;application est plein</translation>
    </message>
    <message>
        <source>the server could not be reached for a long time</source>
        <translation>le serveur est resté longtemps injoignable</translation>
    </message>
    <message>
        <source>Given back to the server so someone else can finish it. Why: {why}</source>
        <translation>Rendue au serveur pour que quelqu&apos;un d&apos;autre puisse la terminer. Raison&#xa0;: {why}</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>non précisée</translation>
    </message>
    <message>
        <source>The job&apos;s script stopped with an error (exit code {code}).</source>
        <translation>Le script du travail s&apos;est arrêté sur une erreur (code de sortie {code}).</translation>
    </message>
    <message>
        <source>Its last lines: {lines}</source>
        <translation>Ses dernières lignes&#xa0;: {lines}</translation>
    </message>
    <message>
        <source>The job&apos;s script ran past its time limit ({s} s) and was stopped.</source>
        <translation>Le script du travail a dépassé sa limite de temps ({s} s) et a été arrêté.</translation>
    </message>
    <message>
        <source>The job&apos;s script used more than {mb} MB of memory and was stopped.</source>
        <translation>Le script du travail a utilisé plus de {mb} Mo de mémoire et a été arrêté.</translation>
    </message>
    <message>
        <source>The job&apos;s result ({size} MB) is larger than the {quota} MB allowed, so it was not sent.</source>
        <translation>Le résultat du travail ({size} Mo) dépasse les {quota} Mo permis&#xa0;; il n&apos;a pas été envoyé.</translation>
    </message>
    <message>
        <source>The job&apos;s script finished without writing its result.</source>
        <translation>Le script du travail s&apos;est terminé sans écrire son résultat.</translation>
    </message>
    <message>
        <source>The job&apos;s result pointed at another file, so it was not sent.</source>
        <translation>Le résultat du travail renvoyait vers un autre fichier&#xa0;; il n&apos;a pas été envoyé.</translation>
    </message>
    <message>
        <source>This app was connected to another server or account before the task finished.</source>
        <translation>L&apos;application a été reliée à un autre serveur ou compte avant la fin de la tâche.</translation>
    </message>
    <message>
        <source>The server gave an answer this app could not use; it is tried again automatically.</source>
        <translation>Le serveur a donné une réponse que cette application ne peut pas utiliser&#xa0;; une nouvelle tentative aura lieu automatiquement.</translation>
    </message>
    <message>
        <source>This email has no account yet — create one on the project&apos;s website, then choose Set up again.</source>
        <translation>Cette adresse e-mail n&apos;a pas encore de compte — créez-en un sur le site du projet, puis choisissez «&#xa0;Reconfigurer&#xa0;».</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Travail</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Ouvrir le résultat</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open {url}</source>
        <translation>Double-cliquez ou appuyez sur Entrée pour ouvrir {url}</translation>
    </message>
    <message>
        <source>Job {id}</source>
        <translation>Travail {id}</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Finished tasks</source>
        <translation>Tâches terminées</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message>
        <source>No finished tasks yet.</source>
        <translation>Aucune tâche terminée pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Showing the newest {n} tasks. Export CSV… writes all of them.</source>
        <translation>Seules les {n} tâches les plus récentes sont affichées. « Exporter en CSV… » les écrit toutes.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation>Exporter l&apos;historique en CSV</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Toutes les tâches</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Show tasks from</source>
        <translation>Afficher les tâches de</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>Affi&amp;cher :</translation>
    </message>
    <message>
        <source>1 task done · {time} of compute given</source>
        <translation>1 tâche terminée · {time} de calcul donné</translation>
    </message>
    <message>
        <source>{done} tasks done · {time} of compute given</source>
        <translation>{done} tâches terminées · {time} de calcul donné</translation>
    </message>
    <message>
        <source>No tasks in this time.</source>
        <translation>Aucune tâche sur cette période.</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exporter l&apos;historique</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message>
        <source>Could not write {path}: {err}</source>
        <translation>Impossible d&apos;écrire {path}&#xa0;: {err}</translation>
    </message>
</context>
<context>
    <name>HoldPrompt</name>
    <message>
        <source>A task is in progress. While paused it is put on hold, and a task paused for more than {n} min is given back so someone else can finish it.</source>
        <translation>Une tâche est en cours. Pendant la pause, elle est suspendue, et une tâche en pause depuis plus de {n} min est rendue pour que quelqu&apos;un d&apos;autre la termine.</translation>
    </message>
    <message>
        <source>A task is in progress</source>
        <translation>Une tâche est en cours</translation>
    </message>
    <message>
        <source>Finish it first, then pause?</source>
        <translation>La terminer d&apos;abord, puis mettre en pause&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Finish the task first</source>
        <translation>&amp;Finir d&apos;abord la tâche</translation>
    </message>
</context>
<context>
    <name>LogsTab</name>
    <message>
        <source>Minimum level</source>
        <translation>Niveau minimal</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>Tous les messages</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info et plus</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Rechercher dans le journal</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the shown lines</source>
        <translation>Copier les lignes affichées</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Ouvrir le dossier du journal</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Lignes du journal</translation>
    </message>
</context>
<context>
    <name>MachineTab</name>
    <message>
        <source>CPU usage</source>
        <translation>Utilisation du processeur</translation>
    </message>
    <message>
        <source>Memory usage</source>
        <translation>Utilisation de la mémoire</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>Processeur&#xa0;:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire&#xa0;:</translation>
    </message>
    <message>
        <source>Data transferred this month</source>
        <translation>Données transférées ce mois-ci</translation>
    </message>
    <message>
        <source>Data this month:</source>
        <translation>Données ce mois-ci :</translation>
    </message>
    <message>
        <source>CPU over the last 3 minutes</source>
        <translation>Processeur sur les 3 dernières minutes</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found</source>
        <translation>Aucune carte graphique NVIDIA trouvée</translation>
    </message>
    <message>
        <source>An NVIDIA driver is installed, but no GPU was found</source>
        <translation>Un pilote NVIDIA est installé, mais aucun GPU n&apos;a été trouvé</translation>
    </message>
    <message>
        <source>GPU status</source>
        <translation>Carte graphique</translation>
    </message>
    <message>
        <source>The current job&apos;s share</source>
        <translation>Part du travail en cours</translation>
    </message>
    <message>
        <source>GPU memory:</source>
        <translation>Mémoire graphique&#xa0;:</translation>
    </message>
    <message>
        <source>GPU use:</source>
        <translation>Utilisation GPU&#xa0;:</translation>
    </message>
    <message>
        <source>No job process is running right now.</source>
        <translation>Aucun processus de travail ne tourne en ce moment.</translation>
    </message>
    <message>
        <source>{pct:.0f} % of {n} cores</source>
        <translation>{pct:.0f} % de {n} cœurs</translation>
    </message>
    <message>
        <source>{pct:.0f} %</source>
        <translation>{pct:.0f} %</translation>
    </message>
    <message>
        <source>{used} of {limit} transferred</source>
        <translation>{used} sur {limit} transférés</translation>
    </message>
    <message>
        <source>{used} transferred</source>
        <translation>{used} transférés</translation>
    </message>
    <message>
        <source>GPU {i}: {name}</source>
        <translation>GPU {i}&#xa0;: {name}</translation>
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
        <translation>Aucune zone de notification trouvée — gardez cette fenêtre ouverte (la fermer arrête la contribution).</translation>
    </message>
    <message>
        <source>No system tray</source>
        <translation>Pas de zone de notification</translation>
    </message>
    <message>
        <source>Dashboard sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>&amp;Now</source>
        <translation>&amp;Maintenant</translation>
    </message>
    <message>
        <source>&amp;Machine</source>
        <translation>&amp;Ordinateur</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>H&amp;istory</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Save &amp;diagnostics…</source>
        <translation>Enregistrer le &amp;diagnostic…</translation>
    </message>
    <message>
        <source>&amp;About Desktop Agent</source>
        <translation>À &amp;propos de Desktop Agent</translation>
    </message>
    <message>
        <source>Desktop Agent {version}

Lends this computer&apos;s spare processor and graphics card to train small pieces of other people&apos;s machine-learning jobs for the Grid-X project. Jobs run at low priority, in a sandbox where the computer allows it, and you can pause at any time.

Your data folder: {folder}</source>
        <translation>Desktop Agent {version}

Prête le processeur et la carte graphique inutilisés de cet ordinateur pour entraîner de petites parties des travaux d&apos;apprentissage automatique d&apos;autres personnes, pour le projet Grid-X. Les travaux tournent en basse priorité, dans un bac à sable quand l&apos;ordinateur le permet, et vous pouvez faire une pause à tout moment.

Votre dossier de données&#xa0;: {folder}</translation>
    </message>
    <message>
        <source>About Desktop Agent</source>
        <translation>À propos de Desktop Agent</translation>
    </message>
    <message>
        <source>Save diagnostics</source>
        <translation>Enregistrer le diagnostic</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Fichiers zip (*.zip)</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>Could not write diagnostics: {err}</source>
        <translation>Impossible d&apos;écrire le diagnostic&#xa0;: {err}</translation>
    </message>
    <message>
        <source>Saved {path}.
Your machine id and email addresses were removed; look inside before sharing it.</source>
        <translation>{path} enregistré.
L&apos;identifiant de votre machine et les adresses e-mail ont été retirés&#xa0;; vérifiez le contenu avant de le partager.</translation>
    </message>
    <message>
        <source>Desktop Agent keeps running in the system tray, near the clock. Click its icon to open this window again; use Quit in its menu to stop.</source>
        <translation>Desktop Agent continue de tourner dans la zone de notification, près de l&apos;horloge. Cliquez sur son icône pour rouvrir cette fenêtre&#xa0;; choisissez Quitter dans son menu pour l&apos;arrêter.</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>Toujours en marche</translation>
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
        <translation>Utiliser les réglages proxy du système</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Aucun proxy</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuel</translation>
    </message>
    <message>
        <source>Proxy address</source>
        <translation>Adresse du proxy</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy :</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>Adr&amp;esse :</translation>
    </message>
    <message>
        <source>A new proxy is used the next time the app starts.</source>
        <translation>Le nouveau proxy servira au prochain démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> Ko/s</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <source>Fastest download speed for job files</source>
        <translation>Vitesse maximale de téléchargement des fichiers de travail</translation>
    </message>
    <message>
        <source>Fastest upload speed for results</source>
        <translation>Vitesse d&apos;envoi maximale des résultats</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> Go</translation>
    </message>
    <message>
        <source>Data allowed per month</source>
        <translation>Données autorisées par mois</translation>
    </message>
    <message>
        <source>Data use</source>
        <translation>Consommation de données</translation>
    </message>
    <message>
        <source>Download spee&amp;d:</source>
        <translation>&amp;Vitesse de téléchargement :</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Au plus</translation>
    </message>
    <message>
        <source>&amp;Upload speed:</source>
        <translation>Vitesse d&apos;e&amp;nvoi :</translation>
    </message>
    <message>
        <source>for results</source>
        <translation>pour les résultats</translation>
    </message>
    <message>
        <source>Per mon&amp;th:</source>
        <translation>Par moi&amp;s :</translation>
    </message>
    <message>
        <source>downloaded and uploaded</source>
        <translation>téléchargés et envoyés</translation>
    </message>
    <message>
        <source>Past the monthly amount no new task is taken until the 1st of the next month.</source>
        <translation>Au-delà de la quantité mensuelle, aucune nouvelle tâche n&apos;est prise avant le 1er du mois suivant.</translation>
    </message>
    <message>
        <source>Enter a proxy address such as http://proxy.example.com:3128</source>
        <translation>Saisissez une adresse de proxy, par exemple http://proxy.example.com:3128</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Show a short popup when a task is done</source>
        <translation>Afficher une courte notification quand une tâche est terminée</translation>
    </message>
    <message>
        <source>Popup when a task is done</source>
        <translation>Notification de fin de tâche</translation>
    </message>
    <message>
        <source>Tell me when the server stays unreachable, and when it is back</source>
        <translation>Me prévenir quand le serveur reste injoignable, et quand il revient</translation>
    </message>
    <message>
        <source>Popup about server problems</source>
        <translation>Notification des problèmes de serveur</translation>
    </message>
    <message>
        <source>Popups</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>A task that fails is always told.</source>
        <translation>Une tâche qui échoue est toujours signalée.</translation>
    </message>
</context>
<context>
    <name>NowTab</name>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Et ensuite</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause or resume contributing</source>
        <translation>Mettre en pause ou reprendre la contribution</translation>
    </message>
    <message>
        <source>Set &amp;up again…</source>
        <translation>Re&amp;configurer…</translation>
    </message>
    <message>
        <source>Set up again</source>
        <translation>Reconfigurer</translation>
    </message>
    <message>
        <source>Snoo&amp;ze</source>
        <translation>Pause &amp;temporaire</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Pause temporaire</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Pendant 1 heure</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Jusqu&apos;à demain</translation>
    </message>
    <message>
        <source>&amp;Finish current task, then pause</source>
        <translation>&amp;Finir la tâche, puis pause</translation>
    </message>
    <message>
        <source>Finish current task, then pause</source>
        <translation>Finir la tâche en cours, puis pause</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Current task</source>
        <translation>Tâche en cours</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Task progress</source>
        <translation>Progression de la tâche</translation>
    </message>
    <message>
        <source>Job:</source>
        <translation>Travail&#xa0;:</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Tâche&#xa0;:</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>En ce moment&#xa0;:</translation>
    </message>
    <message>
        <source>Running for:</source>
        <translation>En cours depuis&#xa0;:</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Temps restant&#xa0;:</translation>
    </message>
    <message>
        <source>No task right now.</source>
        <translation>Aucune tâche pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Last task</source>
        <translation>Dernière tâche</translation>
    </message>
    <message>
        <source>Last task, for “{title}”: {outcome} after {duration}</source>
        <translation>Dernière tâche, pour « {title} » : {outcome} après {duration}</translation>
    </message>
    <message>
        <source>Last task: {task} — {outcome} after {duration}</source>
        <translation>Dernière tâche&#xa0;: {task} — {outcome} après {duration}</translation>
    </message>
    <message>
        <source>Back online — result delivered. Thank you!</source>
        <translation>De nouveau en ligne — résultat envoyé. Merci&#xa0;!</translation>
    </message>
    <message>
        <source>Back online — sending your result…</source>
        <translation>De nouveau en ligne — envoi de votre résultat…</translation>
    </message>
    <message>
        <source>Back online.</source>
        <translation>De nouveau en ligne.</translation>
    </message>
    <message>
        <source>Finishing up, then closing.</source>
        <translation>Finalisation, puis fermeture.</translation>
    </message>
    <message>
        <source>{title} (job {id})</source>
        <translation>{title} (travail {id})</translation>
    </message>
    <message>
        <source> (resumed)</source>
        <translation> (reprise)</translation>
    </message>
    <message>
        <source>Saved — waiting to send</source>
        <translation>Enregistré — en attente d&apos;envoi</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
</context>
<context>
    <name>OutageLine</name>
    <message>
        <source>Server not answering</source>
        <translation>Le serveur ne répond pas</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>De nouveau en ligne</translation>
    </message>
</context>
<context>
    <name>ProgramList</name>
    <message>
        <source>Programs that pause the job</source>
        <translation>Programmes qui mettent le travail en pause</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>Ajou&amp;ter…</translation>
    </message>
    <message>
        <source>Add a program</source>
        <translation>Ajouter un programme</translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Remove the chosen program</source>
        <translation>Supprimer le programme choisi</translation>
    </message>
    <message>
        <source>No programs yet.</source>
        <translation>Aucun programme pour l&apos;instant.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>computer in use (idle {idle} of {limit} min)</source>
        <translation>ordinateur utilisé (inactif {idle} min sur {limit})</translation>
    </message>
    <message>
        <source>on battery</source>
        <translation>sur batterie</translation>
    </message>
    <message>
        <source>outside the schedule</source>
        <translation>en dehors du planning</translation>
    </message>
    <message>
        <source>low disk space ({free} free, {needed} needed)</source>
        <translation>espace disque insuffisant ({free} libres, {needed} nécessaires)</translation>
    </message>
    <message>
        <source>on a metered connection</source>
        <translation>sur une connexion limitée</translation>
    </message>
    <message>
        <source>GPU too hot ({celsius} °C; resumes below {resume_below} °C)</source>
        <translation>GPU trop chaud ({celsius} °C ; reprise sous {resume_below} °C)</translation>
    </message>
    <message>
        <source>CPU too hot ({celsius} °C; resumes below {resume_below} °C)</source>
        <translation>processeur trop chaud ({celsius} °C ; reprise sous {resume_below} °C)</translation>
    </message>
    <message>
        <source>the job uses {share} % of memory (limit {limit} %)</source>
        <translation>la tâche utilise {share} % de la mémoire (limite {limit} %)</translation>
    </message>
    <message>
        <source>jobs cannot be sandboxed here ({why}) and unsandboxed jobs are not allowed — install bubblewrap, or allow unsandboxed jobs</source>
        <translation>les tâches ne peuvent pas être isolées ici ({why}) et les tâches non isolées ne sont pas autorisées — installez bubblewrap ou autorisez les tâches non isolées</translation>
    </message>
    <message>
        <source>a full-screen app is in front</source>
        <translation>une application en plein écran est au premier plan</translation>
    </message>
    <message>
        <source>{program} is running</source>
        <translation>{program} est ouvert</translation>
    </message>
    <message>
        <source>this month&apos;s transfer limit ({limit}) is used up — work resumes on {day}</source>
        <translation>la limite de transfert de ce mois ({limit}) est atteinte — reprise le {day}</translation>
    </message>
    <message>
        <source>{why} — &quot;only when idle&quot; cannot apply</source>
        <translation>{why} — « seulement si inactif » ne peut pas s’appliquer</translation>
    </message>
    <message>
        <source>CPU temperature unknown ({why}) — the CPU temperature limit cannot apply</source>
        <translation>température du processeur inconnue ({why}) — la limite de température ne peut pas s’appliquer</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>demain {time}</translation>
    </message>
    <message>
        <source>; </source>
        <translation> ; </translation>
    </message>
    <message>
        <source>outside the schedule (until {when})</source>
        <translation>en dehors du planning (jusqu’à {when})</translation>
    </message>
    <message>
        <source>d MMMM</source>
        <translation>d MMMM</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Start at login</source>
        <translation>Démarrer à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>Pause on battery</source>
        <translation>Pause sur batterie</translation>
    </message>
    <message>
        <source>No downloads on a metered connection</source>
        <translation>Pas de téléchargement sur une connexion limitée</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>Run jobs at low priority</source>
        <translation>Exécuter les travaux en basse priorité</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <source>Memory limit for a job</source>
        <translation>Limite de mémoire par travail</translation>
    </message>
    <message>
        <source>pause it</source>
        <translation>le mettre en pause</translation>
    </message>
    <message>
        <source>stop it</source>
        <translation>l&apos;arrêter</translation>
    </message>
    <message>
        <source>What to do past the memory limit</source>
        <translation>Que faire au-delà de la limite de mémoire</translation>
    </message>
    <message>
        <source>Give a paused task back after</source>
        <translation>Rendre une tâche en pause après</translation>
    </message>
    <message>
        <source>Use the GPU</source>
        <translation>Utiliser la carte graphique</translation>
    </message>
    <message>
        <source>Start when I log in (in the tray)</source>
        <translation>Démarrer à l&apos;ouverture de session (zone de notification)</translation>
    </message>
    <message>
        <source>Only when I&apos;m not using the computer</source>
        <translation>Seulement quand je n&apos;utilise pas l&apos;ordinateur</translation>
    </message>
    <message>
        <source>Only when the computer is not in use</source>
        <translation>Seulement quand l&apos;ordinateur n&apos;est pas utilisé</translation>
    </message>
    <message>
        <source>Minutes without use before work starts</source>
        <translation>Minutes sans utilisation avant que le travail commence</translation>
    </message>
    <message>
        <source>When the computer runs on battery</source>
        <translation>Quand l&apos;ordinateur est sur batterie</translation>
    </message>
    <message>
        <source>While a full-screen program (a game, a film) is in front</source>
        <translation>Tant qu&apos;un programme en plein écran (jeu, film) est au premier plan</translation>
    </message>
    <message>
        <source>Pause while a full-screen program is in front</source>
        <translation>Pause tant qu&apos;un programme en plein écran est au premier plan</translation>
    </message>
    <message>
        <source>No downloads on a metered connection (mobile data)</source>
        <translation>Pas de téléchargement sur une connexion limitée (données mobiles)</translation>
    </message>
    <message>
        <source>Processor cores a job may use</source>
        <translation>Cœurs du processeur qu&apos;un travail peut utiliser</translation>
    </message>
    <message>
        <source>Share of the processor time a job may use</source>
        <translation>Part du temps processeur qu&apos;un travail peut utiliser</translation>
    </message>
    <message>
        <source>Run jobs at low priority, so my own programs come first</source>
        <translation>Exécuter les travaux en basse priorité, pour que mes programmes passent d&apos;abord</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Pause above this processor temperature</source>
        <translation>Pause au-dessus de cette température du processeur</translation>
    </message>
    <message>
        <source>Use the graphics card (GPU)</source>
        <translation>Utiliser la carte graphique (GPU)</translation>
    </message>
    <message>
        <source>Pause above this GPU temperature</source>
        <translation>Pause au-dessus de cette température de la carte graphique</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>Commencer après</translation>
    </message>
    <message>
        <source>without mouse or keyboard</source>
        <translation>sans souris ni clavier</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <source>Pause the job</source>
        <translation>Mettre le travail en pause</translation>
    </message>
    <message>
        <source>While any of these programs is o&amp;pen:</source>
        <translation>Tant qu&apos;un de ces programmes est ou&amp;vert :</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Téléchargements</translation>
    </message>
    <message>
        <source>&amp;Processor cores:</source>
        <translation>&amp;Cœurs du processeur :</translation>
    </message>
    <message>
        <source>Processor &amp;time:</source>
        <translation>&amp;Temps processeur :</translation>
    </message>
    <message>
        <source>Use at most</source>
        <translation>Utiliser au plus</translation>
    </message>
    <message>
        <source>of the processor time</source>
        <translation>du temps processeur</translation>
    </message>
    <message>
        <source>Memor&amp;y:</source>
        <translation>Mémoir&amp;e :</translation>
    </message>
    <message>
        <source>If a job uses more than</source>
        <translation>Si un travail utilise plus de</translation>
    </message>
    <message>
        <source>of the memory,</source>
        <translation>de la mémoire,</translation>
    </message>
    <message>
        <source>Processor temperature:</source>
        <translation>Température du processeur :</translation>
    </message>
    <message>
        <source>&amp;GPU temperature:</source>
        <translation>Température du &amp;GPU :</translation>
    </message>
    <message>
        <source>Paused tas&amp;k:</source>
        <translation>Tâche en pa&amp;use :</translation>
    </message>
    <message>
        <source>Give it back after</source>
        <translation>La rendre après</translation>
    </message>
    <message>
        <source>so someone else can finish it</source>
        <translation>pour qu&apos;un autre la termine</translation>
    </message>
    <message>
        <source>Limits on the processor and memory apply from the next task.</source>
        <translation>Les limites du processeur et de la mémoire s&apos;appliquent dès la tâche suivante.</translation>
    </message>
    <message>
        <source>Saved. Rules apply now; processor and GPU limits from the next task.</source>
        <translation>Enregistré. Les règles s&apos;appliquent tout de suite ; les limites du processeur et du GPU dès la tâche suivante.</translation>
    </message>
    <message>
        <source>Pause above</source>
        <translation>Pause au-dessus de</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save contribution rules</source>
        <translation>Enregistrer les règles de contribution</translation>
    </message>
    <message>
        <source>Could not save: {err}</source>
        <translation>Enregistrement impossible&#xa0;: {err}</translation>
    </message>
    <message>
        <source>Could not change start at login: {err}</source>
        <translation>Impossible de modifier le démarrage à l&apos;ouverture de session&#xa0;: {err}</translation>
    </message>
    <message>
        <source>Starts at login: {where}</source>
        <translation>Démarre à l&apos;ouverture de session&#xa0;: {where}</translation>
    </message>
    <message>
        <source>Won&apos;t start at login.</source>
        <translation>Ne démarrera pas à l&apos;ouverture de session.</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <source>Monday</source>
        <translation>Lundi</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Mardi</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mercredi</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jeudi</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Vendredi</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samedi</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Dimanche</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>À tout moment</translation>
    </message>
    <message>
        <source>Contribute at any time of the week</source>
        <translation>Contribuer à tout moment de la semaine</translation>
    </message>
    <message>
        <source>Only during these hours (this computer&apos;s clock):</source>
        <translation>Seulement pendant ces heures (horloge de cet ordinateur) :</translation>
    </message>
    <message>
        <source>Contribute only during chosen hours</source>
        <translation>Contribuer seulement aux heures choisies</translation>
    </message>
    <message>
        <source>not this day</source>
        <translation>pas ce jour-là</translation>
    </message>
    <message>
        <source>Add hours</source>
        <translation>Ajouter des heures</translation>
    </message>
    <message>
        <source>Add hours on {day}</source>
        <translation>Ajouter des heures le {day}</translation>
    </message>
    <message>
        <source>Add hours to at least one day, or choose &quot;Any time&quot;.</source>
        <translation>Ajoutez des heures à au moins un jour, ou choisissez « À tout moment ».</translation>
    </message>
    <message>
        <source>{day}: the hours start and end at the same time ({at}) — change one of them, or remove them.</source>
        <translation>{day} : les heures commencent et finissent au même moment ({at}) — changez l&apos;une d&apos;elles, ou supprimez-les.</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Account and language</source>
        <translation>Compte et langue</translation>
    </message>
    <message>
        <source>When to contribute</source>
        <translation>Quand contribuer</translation>
    </message>
    <message>
        <source>How much to use</source>
        <translation>Ressources utilisées</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Pages des paramètres</translation>
    </message>
    <message>
        <source>Settings status</source>
        <translation>État des paramètres</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Revert to the saved settings</source>
        <translation>Revenir aux paramètres enregistrés</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>Appl&amp;iquer</translation>
    </message>
    <message>
        <source>Apply and save the settings</source>
        <translation>Appliquer et enregistrer les paramètres</translation>
    </message>
    <message>
        <source>Changes not saved yet — press Apply to use them.</source>
        <translation>Modifications pas encore enregistrées — appuyez sur Appliquer pour les utiliser.</translation>
    </message>
    <message>
        <source>These settings could not be saved: {err}</source>
        <translation>Ces paramètres n&apos;ont pas pu être enregistrés : {err}</translation>
    </message>
    <message>
        <source>Could not save the settings ({err}). Check that there is free disk space and that the data folder can be written to.</source>
        <translation>Impossible d&apos;enregistrer les paramètres ({err}). Vérifiez qu&apos;il reste de la place sur le disque et que le dossier de données est accessible en écriture.</translation>
    </message>
    <message>
        <source>Saved. Rules apply now; processor and GPU limits from the next task; the proxy and the language the next time the app starts.</source>
        <translation>Enregistré. Les règles s&apos;appliquent tout de suite ; les limites du processeur et du GPU dès la tâche suivante ; le proxy et la langue au prochain démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>Back to the saved settings.</source>
        <translation>Retour aux paramètres enregistrés.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>This email has no account yet — create one on the website, &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;, then press Connect again. Already registered with capital letters before the @? Ask the project to change your account&apos;s email to lower case.</source>
        <translation>Cette adresse e-mail n&apos;a pas encore de compte — créez-en un sur le site, &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;, puis cliquez de nouveau sur Se connecter. Déjà inscrit avec des majuscules avant le @&#xa0;? Demandez au projet de passer l&apos;e-mail de votre compte en minuscules.</translation>
    </message>
    <message>
        <source>This email has no account yet — register on the website first. Already registered? If the address you signed up with has capital letters before the @, the server can never match it: ask the project to change your account&apos;s email to lower case, or sign up again with the address all in lower case.</source>
        <translation>Cet e-mail n&apos;a pas encore de compte — inscrivez-vous d&apos;abord sur le site web. Déjà inscrit ? Si l&apos;adresse utilisée à l&apos;inscription a des majuscules avant le @, le serveur ne pourra jamais la reconnaître : demandez au projet de passer l&apos;e-mail de votre compte en minuscules, ou réinscrivez-vous avec l&apos;adresse tout en minuscules.</translation>
    </message>
    <message>
        <source>The server at {server} answered, but it does not look like a Grid-X server — check the address.</source>
        <translation>Le serveur {server} a répondu, mais ne ressemble pas à un serveur Grid-X — vérifiez l&apos;adresse.</translation>
    </message>
    <message>
        <source>Can&apos;t reach the server at {server} — check the address or your connection.</source>
        <translation>Impossible de joindre le serveur {server} — vérifiez l&apos;adresse ou votre connexion.</translation>
    </message>
    <message>
        <source>Something went wrong while connecting: {error}</source>
        <translation>Un problème est survenu pendant la connexion&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Set up Desktop Agent</source>
        <translation>Configurer Desktop Agent</translation>
    </message>
    <message>
        <source>&lt;b&gt;Share this computer&apos;s spare power&lt;/b&gt;</source>
        <translation>&lt;b&gt;Partagez la puissance inutilisée de cet ordinateur&lt;/b&gt;</translation>
    </message>
    <message>
        <source>By connecting, you trust this server to send this computer code written by other people. Where the computer allows it, that code runs in a sandbox with no network and no access to your files.</source>
        <translation>En vous connectant, vous faites confiance à ce serveur pour envoyer à cet ordinateur du code écrit par d&apos;autres personnes. Quand l&apos;ordinateur le permet, ce code tourne dans un bac à sable, sans réseau et sans accès à vos fichiers.</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>vous@example.com</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <source>The email of your account on the project&apos;s website.</source>
        <translation>L&apos;e-mail de votre compte sur le site du projet.</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>Show advanced settings</source>
        <translation>Afficher les réglages avancés</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Problème de connexion</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Back to the email</source>
        <translation>Revenir à l&apos;e-mail</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Next: when to help</source>
        <translation>Suivant : quand aider</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>Connects to {server}, the project&apos;s default server.</source>
        <translation>Se connecte à {server}, le serveur par défaut du projet.</translation>
    </message>
    <message>
        <source>Connects to {server} — not the project&apos;s default server; make sure it is the one you were given.</source>
        <translation>Se connecte à {server} — pas le serveur par défaut du projet&#xa0;; vérifiez que c&apos;est bien celui qu&apos;on vous a donné.</translation>
    </message>
    <message>
        <source>Step {n} of 2</source>
        <translation>Étape {n} sur 2</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>That doesn&apos;t look like an email address — check for typos.</source>
        <translation>Cela ne ressemble pas à une adresse e-mail — vérifiez la saisie.</translation>
    </message>
    <message>
        <source>This computer trains small pieces of machine-learning jobs for researchers, at low priority so your own programs come first. You can pause at any time.</source>
        <translation>Cet ordinateur entraîne de petits morceaux de travaux d&apos;apprentissage automatique pour des chercheurs, en basse priorité pour que vos programmes passent d&apos;abord. Vous pouvez faire une pause à tout moment.</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://</source>
        <translation>L&apos;adresse du serveur doit commencer par http:// ou https://</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>{eta} left</source>
        <translation>encore {eta}</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <source>Preparing environment</source>
        <translation>Préparation de l&apos;environnement</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Sending the result</source>
        <translation>Envoi du résultat</translation>
    </message>
    <message>
        <source>Reporting to the server</source>
        <translation>Compte rendu au serveur</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>not accepted by the server</source>
        <translation>refusée par le serveur</translation>
    </message>
    <message>
        <source>the job&apos;s code failed</source>
        <translation>le code du travail a échoué</translation>
    </message>
    <message>
        <source>given back for someone else</source>
        <translation>rendue pour quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>stopped and not sent</source>
        <translation>arrêtée et non envoyée</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>moins d&apos;une minute</translation>
    </message>
    <message>
        <source>about {n} min</source>
        <translation>environ {n} min</translation>
    </message>
    <message>
        <source>about {h} h {m:02d} min</source>
        <translation>environ {h} h {m:02d} min</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering — your result is saved and will be sent automatically.</source>
        <translation>Le serveur {server} ne répond pas — votre résultat est enregistré et sera envoyé automatiquement.</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering — nothing is lost; it is tried again automatically.</source>
        <translation>Le serveur {server} ne répond pas — rien n&apos;est perdu&#xa0;; une nouvelle tentative aura lieu automatiquement.</translation>
    </message>
    <message>
        <source>Next try in {n} s.</source>
        <translation>Prochain essai dans {n} s.</translation>
    </message>
    <message>
        <source>Trying again now…</source>
        <translation>Nouvel essai en cours…</translation>
    </message>
    <message>
        <source>The task is on hold. A task paused for more than {n} min is given back so someone else can finish it.</source>
        <translation>La tâche est suspendue. Une tâche en pause depuis plus de {n} min est rendue pour que quelqu&apos;un d&apos;autre la termine.</translation>
    </message>
    <message>
        <source>Paused while {program} is running</source>
        <translation>En pause tant que {program} est ouvert</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>En attente du serveur</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>The task in hand is kept and continues next time.</source>
        <translation>La tâche en cours est conservée et reprendra la prochaine fois.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Needs setup</source>
        <translation>Configuration requise</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Can&apos;t reach the {server} server yet</source>
        <translation>Impossible de joindre le serveur {server} pour l&apos;instant</translation>
    </message>
    <message>
        <source>It is tried again automatically.</source>
        <translation>Une nouvelle tentative aura lieu automatiquement.</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Connexion au serveur…</translation>
    </message>
    <message>
        <source>Giving a task back to the server…</source>
        <translation>Restitution d&apos;une tâche au serveur…</translation>
    </message>
    <message>
        <source>Resting a few minutes so the server can hand it to someone else.</source>
        <translation>Pause de quelques minutes pour que le serveur puisse la confier à quelqu&apos;un d&apos;autre.</translation>
    </message>
    <message>
        <source>Paused by you</source>
        <translation>Mis en pause par vous</translation>
    </message>
    <message>
        <source>Nothing runs until you resume.</source>
        <translation>Rien ne tourne tant que vous ne reprenez pas.</translation>
    </message>
    <message>
        <source>paused by you</source>
        <translation>mis en pause par vous</translation>
    </message>
    <message>
        <source>Snoozed until {when}</source>
        <translation>En veille jusqu’à {when}</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>En pause temporaire</translation>
    </message>
    <message>
        <source>Contributing starts again by itself.</source>
        <translation>La contribution reprendra d&apos;elle-même.</translation>
    </message>
    <message>
        <source>Finishing this task, then pausing</source>
        <translation>Fin de cette tâche, puis pause</translation>
    </message>
    <message>
        <source>On hold for now: {why}</source>
        <translation>Suspendue pour l&apos;instant&#xa0;: {why}</translation>
    </message>
    <message>
        <source>No new task is taken.</source>
        <translation>Aucune nouvelle tâche n&apos;est prise.</translation>
    </message>
    <message>
        <source>keep contributing after this task</source>
        <translation>continuer à contribuer après cette tâche</translation>
    </message>
    <message>
        <source>Waiting: {why}</source>
        <translation>En attente&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Task on hold</source>
        <translation>Tâche suspendue</translation>
    </message>
    <message>
        <source>The task continues by itself when that changes.</source>
        <translation>La tâche reprendra d&apos;elle-même quand cela changera.</translation>
    </message>
    <message>
        <source>Your result is ready — waiting for the server</source>
        <translation>Votre résultat est prêt — en attente du serveur</translation>
    </message>
    <message>
        <source>Working on “{title}”</source>
        <translation>Travail sur «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Working on a task</source>
        <translation>Travail sur une tâche</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering</source>
        <translation>Le serveur {server} ne répond pas</translation>
    </message>
    <message>
        <source>Paused: {why}</source>
        <translation>En pause : {why}</translation>
    </message>
    <message>
        <source>A result already in hand is still sent; the limit can be changed in Settings.</source>
        <translation>Un résultat déjà obtenu est quand même envoyé ; la limite se change dans les Paramètres.</translation>
    </message>
    <message>
        <source>Work starts by itself when that changes.</source>
        <translation>Le travail commencera de lui-même quand cela changera.</translation>
    </message>
    <message>
        <source>Ready — waiting for work</source>
        <translation>Prêt — en attente de travail</translation>
    </message>
    <message>
        <source>New work is picked up automatically.</source>
        <translation>Le nouveau travail est pris automatiquement.</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <source>Data folder</source>
        <translation>Dossier de données</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>Ou&amp;vrir le dossier</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Ouvrir le dossier de données</translation>
    </message>
</context>
<context>
    <name>TaskDetailsDialog</name>
    <message>
        <source>{n:,} bytes</source>
        <translation>{n:,} octets</translation>
    </message>
    <message>
        <source>{cpu:.1f} s of CPU</source>
        <translation>{cpu:.1f} s de processeur</translation>
    </message>
    <message>
        <source>CPU time not measured</source>
        <translation>temps processeur non mesuré</translation>
    </message>
    <message>
        <source>peak memory {mb:.0f} MB</source>
        <translation>mémoire max. {mb:.0f} Mo</translation>
    </message>
    <message>
        <source>peak GPU memory {mb:.0f} MB</source>
        <translation>mémoire graphique max. {mb:.0f} Mo</translation>
    </message>
    <message>
        <source>energy {wh:.2f} Wh ({how})</source>
        <translation>énergie {wh:.2f} Wh ({how})</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>mesurée</translation>
    </message>
    <message>
        <source>energy not measured</source>
        <translation>énergie non mesurée</translation>
    </message>
    <message>
        <source>not recorded (the task did not get as far as running train.py)</source>
        <translation>non enregistré (la tâche n&apos;est pas allée jusqu&apos;à lancer train.py)</translation>
    </message>
    <message>
        <source>bwrap — contained: no network, no access to your files, only its own folder writable</source>
        <translation>bwrap — isolé&#xa0;: pas de réseau, pas d&apos;accès à vos fichiers, seul son propre dossier est modifiable</translation>
    </message>
    <message>
        <source>no sandbox available</source>
        <translation>aucun bac à sable disponible</translation>
    </message>
    <message>
        <source>bubblewrap is not installed</source>
        <translation>bubblewrap n&apos;est pas installé</translation>
    </message>
    <message>
        <source>no sandbox on this system yet</source>
        <translation>pas encore de bac à sable sur ce système</translation>
    </message>
    <message>
        <source>bubblewrap does not work here: {why}</source>
        <translation>bubblewrap ne fonctionne pas ici : {why}</translation>
    </message>
    <message>
        <source>none — ran without a sandbox ({why}); it could read what your account can read</source>
        <translation>aucun — exécuté sans bac à sable ({why})&#xa0;; il pouvait lire ce que votre compte peut lire</translation>
    </message>
    <message>
        <source>Task {task} — what ran</source>
        <translation>Tâche {task} — ce qui a tourné</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>{task} (job {job})</source>
        <translation>{task} (travail {job})</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Démarrée</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>{outcome} after {s:.1f} s</source>
        <translation>{outcome} après {s:.1f} s</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>Limits enforced by</source>
        <translation>Limites appliquées par</translation>
    </message>
    <message>
        <source>train.py SHA-256</source>
        <translation>SHA-256 de train.py</translation>
    </message>
    <message>
        <source>train.py size</source>
        <translation>Taille de train.py</translation>
    </message>
    <message>
        <source>Data size</source>
        <translation>Taille des données</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Code de sortie</translation>
    </message>
    <message>
        <source>What it cost</source>
        <translation>Ce que cela a coûté</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Dépendances</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>Ouvrir le journal</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Ouvrir le résultat</translation>
    </message>
</context>
<context>
    <name>TimeWords</name>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} h {m:02d} min</translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation>{m} min {s:02d} s</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <source>Today {time}</source>
        <translation>Aujourd&apos;hui {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>Hier {time}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Pause temporaire</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Pendant 1 heure</translation>
    </message>
    <message>
        <source>Until tomorrow morning (07:00)</source>
        <translation>Jusqu&apos;à demain matin (07:00)</translation>
    </message>
    <message>
        <source>Finish current task, then pause</source>
        <translation>Finir la tâche en cours, puis pause</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation>Ouvrir le tableau de bord</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Back online — your result was delivered. Thank you!</source>
        <translation>De nouveau en ligne — votre résultat a été remis. Merci !</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Tâche terminée</translation>
    </message>
    <message>
        <source>Task {id} finished. Thank you!</source>
        <translation>Tâche {id} terminée. Merci&#xa0;!</translation>
    </message>
    <message>
        <source>Task failed</source>
        <translation>Échec de la tâche</translation>
    </message>
    <message>
        <source>Task {id} failed; the job&apos;s owner is told.</source>
        <translation>La tâche {id} a échoué&#xa0;; le propriétaire du travail est prévenu.</translation>
    </message>
    <message>
        <source>Setup needed</source>
        <translation>Configuration requise</translation>
    </message>
    <message>
        <source>The {server} server is answering again.</source>
        <translation>Le serveur {server} répond de nouveau.</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>De nouveau en ligne</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>The server isn&apos;t answering</source>
        <translation>Le serveur ne répond pas</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>{n} B</source>
        <translation>{n} o</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n} Ko</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} Mo</translation>
    </message>
    <message>
        <source>{n} GB</source>
        <translation>{n} Go</translation>
    </message>
    <message>
        <source>{n} TB</source>
        <translation>{n} To</translation>
    </message>
</context>
<context>
    <name>UpdateLine</name>
    <message>
        <source>Restart to update</source>
        <translation>Redémarrer pour mettre à jour</translation>
    </message>
    <message>
        <source>Available once the current task is finished</source>
        <translation>Disponible une fois la tâche en cours terminée</translation>
    </message>
</context>
<context>
    <name>_GpuBox</name>
    <message>
        <source>Utilisation:</source>
        <translation>Utilisation&#xa0;:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire&#xa0;:</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Température&#xa0;:</translation>
    </message>
    <message>
        <source>Power:</source>
        <translation>Puissance&#xa0;:</translation>
    </message>
</context>
<context>
    <name>_Range</name>
    <message>
        <source>from</source>
        <translation>de</translation>
    </message>
    <message>
        <source>until</source>
        <translation>jusqu&apos;à</translation>
    </message>
    <message>
        <source>{day} {what}</source>
        <translation>{day} {what}</translation>
    </message>
    <message>
        <source>midnight</source>
        <translation>minuit</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Remove these hours on {day}</source>
        <translation>Supprimer ces heures le {day}</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
</context>
</TS>
