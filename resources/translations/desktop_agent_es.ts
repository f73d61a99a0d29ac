<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AccountPage</name>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>Ca&amp;mbiar…</translation>
    </message>
    <message>
        <source>Change email or server</source>
        <translation>Cambiar el correo o el servidor</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Correo:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>A new language shows the next time the app starts.</source>
        <translation>El nuevo idioma se verá la próxima vez que se inicie la aplicación.</translation>
    </message>
    <message>
        <source>(not set up)</source>
        <translation>(sin configurar)</translation>
    </message>
</context>
<context>
    <name>AddProgramDialog</name>
    <message>
        <source>Pause for a program</source>
        <translation>Pausar por un programa</translation>
    </message>
    <message>
        <source>Program name</source>
        <translation>Nombre del programa</translation>
    </message>
    <message>
        <source>for example steam</source>
        <translation>por ejemplo steam</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Programa:</translation>
    </message>
    <message>
        <source>Pick a program that is running now, or type its name if it isn&apos;t.</source>
        <translation>Elige un programa abierto o escribe su nombre si no lo está.</translation>
    </message>
    <message>
        <source>Problem with the program name</source>
        <translation>Problema con el nombre del programa</translation>
    </message>
    <message>
        <source>Type or pick the name of a program.</source>
        <translation>Escribe o elige el nombre de un programa.</translation>
    </message>
    <message>
        <source>That name is too long for a program name.</source>
        <translation>Ese nombre es demasiado largo para un programa.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>A result is waiting</source>
        <translation>Hay un resultado pendiente</translation>
    </message>
    <message>
        <source>A finished result is still waiting to be delivered to the server.</source>
        <translation>Un resultado terminado todavía está pendiente de enviarse al servidor.</translation>
    </message>
    <message>
        <source>If you change the account now, the credit for it may be lost. Wait until it is delivered?</source>
        <translation>Si cambias de cuenta ahora, podrías perder el crédito por él. ¿Esperar a que se envíe?</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Esperar</translation>
    </message>
    <message>
        <source>Change anyway</source>
        <translation>Cambiar de todos modos</translation>
    </message>
    <message>
        <source>&amp;Pause anyway</source>
        <translation>&amp;Pausar de todos modos</translation>
    </message>
    <message>
        <source>&amp;Snooze anyway</source>
        <translation>P&amp;osponer de todos modos</translation>
    </message>
    <message>
        <source>Desktop Agent — Stopping…</source>
        <translation>Desktop Agent — deteniéndose…</translation>
    </message>
    <message>
        <source>The engine stopped.</source>
        <translation>El motor se ha detenido.</translation>
    </message>
    <message>
        <source>The engine stopped with an error: {msg}</source>
        <translation>El motor se detuvo con un error: {msg}</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly several times in a row (last at {when}) and was not restarted automatically. If it happens again, please send the diagnostics report from the Help menu to the project.</source>
        <translation>Desktop Agent se detuvo de forma inesperada varias veces seguidas (la última a las {when}) y no se reinició automáticamente. Si vuelve a pasar, envía al proyecto el informe de diagnóstico del menú Ayuda.</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly at {when} and started again by itself. It is continuing the task it was working on; nothing was lost.</source>
        <translation>Desktop Agent se detuvo de forma inesperada a las {when} y volvió a arrancar solo. Sigue con la tarea que tenía; no se ha perdido nada.</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly at {when} and started again by itself.</source>
        <translation>Desktop Agent se detuvo de forma inesperada a las {when} y volvió a arrancar solo.</translation>
    </message>
    <message>
        <source>Desktop Agent restarted</source>
        <translation>Desktop Agent se ha reiniciado</translation>
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
        <translation>Nada aportado en los últimos {n} días.</translation>
    </message>
    <message>
        <source>Last {n} days: {total} of compute; yesterday {yesterday}; most on {day} ({best}).</source>
        <translation>Últimos {n} días: {total} de cálculo; ayer {yesterday}; lo máximo el {day} ({best}).</translation>
    </message>
    <message>
        <source>Compute given per day</source>
        <translation>Cálculo aportado por día</translation>
    </message>
</context>
<context>
    <name>ContributionChoice</name>
    <message>
        <source>&lt;b&gt;When should this computer help?&lt;/b&gt;</source>
        <translation>&lt;b&gt;¿Cuándo debe ayudar este equipo?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Only when I&apos;m not using the computer</source>
        <translation>&amp;Solo cuando no uso el equipo</translation>
    </message>
    <message>
        <source>Only when I&apos;m not using the computer</source>
        <translation>Solo cuando no uso el equipo</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes without use before work starts</source>
        <translation>Minutos sin uso antes de empezar a trabajar</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>Empezar tras</translation>
    </message>
    <message>
        <source>without mouse or keyboard</source>
        <translation>sin ratón ni teclado</translation>
    </message>
    <message>
        <source>Work pauses as soon as you are back.</source>
        <translation>El trabajo se pausa en cuanto vuelves.</translation>
    </message>
    <message>
        <source>&amp;Always, at low priority</source>
        <translation>Si&amp;empre, con prioridad baja</translation>
    </message>
    <message>
        <source>Always, at low priority</source>
        <translation>Siempre, con prioridad baja</translation>
    </message>
    <message>
        <source>Your own programs still come first, but the computer works whenever it is on — you may hear its fan more often.</source>
        <translation>Tus programas siguen teniendo prioridad, pero el equipo trabaja siempre que esté encendido; quizá oigas el ventilador más a menudo.</translation>
    </message>
    <message>
        <source>&amp;Start when I log in (in the tray)</source>
        <translation>&amp;Iniciar al entrar en la sesión (en la bandeja)</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Iniciar al entrar en la sesión</translation>
    </message>
    <message>
        <source>You can pause at any time, and change this later in Settings → When to contribute.</source>
        <translation>Puedes pausar en cualquier momento y cambiarlo después en Configuración → Cuándo contribuir.</translation>
    </message>
</context>
<context>
    <name>ContributionView</name>
    <message>
        <source>Your contribution</source>
        <translation>Tu contribución</translation>
    </message>
    <message>
        <source>Energy given: not measured</source>
        <translation>Energía aportada: sin medir</translation>
    </message>
    <message>
        <source>Energy given</source>
        <translation>Energía aportada</translation>
    </message>
    <message>
        <source>Compute this computer gave, per day</source>
        <translation>Cálculo aportado por este equipo, por día</translation>
    </message>
    <message>
        <source>So far this computer has finished 1 task ({t} of compute). Thank you!</source>
        <translation>Hasta ahora este equipo ha terminado 1 tarea ({t} de cálculo). ¡Gracias!</translation>
    </message>
    <message>
        <source>So far this computer has finished {n} tasks ({t} of compute). Thank you!</source>
        <translation>Hasta ahora este equipo ha terminado {n} tareas ({t} de cálculo). ¡Gracias!</translation>
    </message>
    <message>
        <source>Finished tasks will be counted here.</source>
        <translation>Las tareas terminadas se contarán aquí.</translation>
    </message>
    <message>
        <source>This machine has given {e}</source>
        <translation>Este equipo ha aportado {e}</translation>
    </message>
</context>
<context>
    <name>EnvCacheWidget</name>
    <message>
        <source>Job environments: measuring…</source>
        <translation>Entornos de trabajos: midiendo…</translation>
    </message>
    <message>
        <source>Disk used by job environments</source>
        <translation>Disco usado por los entornos de trabajos</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <source>Clear job environments</source>
        <translation>Vaciar los entornos de trabajos</translation>
    </message>
    <message>
        <source>Delete cached job environments; they are rebuilt when a job needs them</source>
        <translation>Borrar los entornos en caché; se vuelven a crear cuando un trabajo los necesita</translation>
    </message>
    <message>
        <source>Job environments: a task is running — Clear when it ends</source>
        <translation>Entornos de trabajos: hay una tarea en curso; vacíalos cuando termine</translation>
    </message>
    <message>
        <source>Job environments: clearing…</source>
        <translation>Entornos de trabajos: vaciando…</translation>
    </message>
    <message>
        <source>Job environments: could not measure ({0})</source>
        <translation>Entornos de trabajos: no se pudo medir ({0})</translation>
    </message>
    <message>
        <source>Job environments: {0} of {1}</source>
        <translation>Entornos de trabajos: {0} de {1}</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>The server had already handed this task to someone else, so this result was not needed. Nothing is wrong with your computer.</source>
        <translation>El servidor ya había dado esta tarea a otra persona, así que este resultado no hacía falta. Tu equipo no tiene ningún problema.</translation>
    </message>
    <message>
        <source>The server had a problem of its own; it was tried again automatically.</source>
        <translation>El servidor tuvo un problema propio; se volvió a intentar automáticamente.</translation>
    </message>
    <message>
        <source>The connection to the server broke; it was tried again automatically.</source>
        <translation>Se cortó la conexión con el servidor; se volvió a intentar automáticamente.</translation>
    </message>
    <message>
        <source>The server did not accept the result.</source>
        <translation>El servidor no aceptó el resultado.</translation>
    </message>
    <message>
        <source>The server did not accept the report that this task was finished.</source>
        <translation>El servidor no aceptó el aviso de que esta tarea había terminado.</translation>
    </message>
    <message>
        <source>The server gave an answer this app could not use.</source>
        <translation>El servidor dio una respuesta que esta aplicación no pudo usar.</translation>
    </message>
    <message>
        <source>Given back to the server after it was paused for more than {n} min, so someone else could finish it.</source>
        <translation>Devuelta al servidor tras estar en pausa más de {n} min, para que otra persona pudiera terminarla.</translation>
    </message>
    <message>
        <source>the server did not confirm that it had the finished task</source>
        <translation>el servidor no confirmó que recibió la tarea terminada</translation>
    </message>
    <message>
        <source>the disk filled up again while this task ran</source>
        <translation>el disco se volvió a llenar mientras se ejecutaba esta tarea</translation>
    </message>
    <message>
        <source>the disk holding the app&apos;s work folder is full</source>
        <translation>el disco que contiene la carpeta de trabajo de la aplicación está lleno</translation>
    </message>
    <message>
        <source>the server could not be reached for a long time</source>
        <translation>no se pudo contactar con el servidor durante mucho tiempo</translation>
    </message>
    <message>
        <source>Given back to the server so someone else can finish it. Why: {why}</source>
        <translation>Devuelta al servidor para que otra persona pueda terminarla. Motivo: {why}</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>no indicado</translation>
    </message>
    <message>
        <source>The job&apos;s script stopped with an error (exit code {code}).</source>
        <translation>El script del trabajo se detuvo con un error (código de salida {code}).</translation>
    </message>
    <message>
        <source>Its last lines: {lines}</source>
        <translation>Sus últimas líneas: {lines}</translation>
    </message>
    <message>
        <source>The job&apos;s script ran past its time limit ({s} s) and was stopped.</source>
        <translation>El script del trabajo superó su límite de tiempo ({s} s) y se detuvo.</translation>
    </message>
    <message>
        <source>The job&apos;s script used more than {mb} MB of memory and was stopped.</source>
        <translation>El script del trabajo usó más de {mb} MB de memoria y se detuvo.</translation>
    </message>
    <message>
        <source>The job&apos;s result ({size} MB) is larger than the {quota} MB allowed, so it was not sent.</source>
        <translation>El resultado del trabajo ({size} MB) supera los {quota} MB permitidos, así que no se envió.</translation>
    </message>
    <message>
        <source>The job&apos;s script finished without writing its result.</source>
        <translation>El script del trabajo terminó sin escribir su resultado.</translation>
    </message>
    <message>
        <source>The job&apos;s result pointed at another file, so it was not sent.</source>
        <translation>El resultado del trabajo apuntaba a otro archivo, así que no se envió.</translation>
    </message>
    <message>
        <source>This app was connected to another server or account before the task finished.</source>
        <translation>La aplicación se conectó a otro servidor o cuenta antes de que terminara la tarea.</translation>
    </message>
    <message>
        <source>The server gave an answer this app could not use; it is tried again automatically.</source>
        <translation>El servidor dio una respuesta que esta aplicación no pudo usar; se volverá a intentar automáticamente.</translation>
    </message>
    <message>
        <source>This email has no account yet — create one on the project&apos;s website, then choose Set up again.</source>
        <translation>Este correo todavía no tiene cuenta: crea una en el sitio web del proyecto y luego elige «Configurar de nuevo».</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Trabajo</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Abrir el resultado</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open {url}</source>
        <translation>Haz doble clic o pulsa Intro para abrir {url}</translation>
    </message>
    <message>
        <source>Job {id}</source>
        <translation>Trabajo {id}</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Finished tasks</source>
        <translation>Tareas terminadas</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totales</translation>
    </message>
    <message>
        <source>No finished tasks yet.</source>
        <translation>Todavía no hay tareas terminadas.</translation>
    </message>
    <message>
        <source>Showing the newest {n} tasks. Export CSV… writes all of them.</source>
        <translation>Se muestran las {n} tareas más recientes. «Exportar CSV…» las escribe todas.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation>Exportar el historial como CSV</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Todas las tareas</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Show tasks from</source>
        <translation>Mostrar tareas de</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>Mo&amp;strar:</translation>
    </message>
    <message>
        <source>1 task done · {time} of compute given</source>
        <translation>1 tarea hecha · {time} de cálculo aportado</translation>
    </message>
    <message>
        <source>{done} tasks done · {time} of compute given</source>
        <translation>{done} tareas hechas · {time} de cálculo aportado</translation>
    </message>
    <message>
        <source>No tasks in this time.</source>
        <translation>No hay tareas en este periodo.</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exportar el historial</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>No se pudo exportar</translation>
    </message>
    <message>
        <source>Could not write {path}: {err}</source>
        <translation>No se pudo escribir {path}: {err}</translation>
    </message>
</context>
<context>
    <name>HoldPrompt</name>
    <message>
        <source>A task is in progress. While paused it is put on hold, and a task paused for more than {n} min is given back so someone else can finish it.</source>
        <translation>Hay una tarea en curso. Durante la pausa queda en espera, y una tarea en pausa más de {n} min se devuelve para que otra persona la termine.</translation>
    </message>
    <message>
        <source>A task is in progress</source>
        <translation>Hay una tarea en curso</translation>
    </message>
    <message>
        <source>Finish it first, then pause?</source>
        <translation>¿Terminarla primero y luego pausar?</translation>
    </message>
    <message>
        <source>&amp;Finish the task first</source>
        <translation>&amp;Terminar primero la tarea</translation>
    </message>
</context>
<context>
    <name>LogsTab</name>
    <message>
        <source>Minimum level</source>
        <translation>Nivel mínimo</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>Todos los mensajes</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info y superiores</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avisos y errores</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Solo errores</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Buscar…</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Buscar en el registro</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the shown lines</source>
        <translation>Copiar las líneas mostradas</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Abrir la carpeta del registro</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Líneas del registro</translation>
    </message>
</context>
<context>
    <name>MachineTab</name>
    <message>
        <source>CPU usage</source>
        <translation>Uso de CPU</translation>
    </message>
    <message>
        <source>Memory usage</source>
        <translation>Uso de memoria</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este equipo</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Memoria:</translation>
    </message>
    <message>
        <source>Data transferred this month</source>
        <translation>Datos transferidos este mes</translation>
    </message>
    <message>
        <source>Data this month:</source>
        <translation>Datos este mes:</translation>
    </message>
    <message>
        <source>CPU over the last 3 minutes</source>
        <translation>CPU en los últimos 3 minutos</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found</source>
        <translation>No se encontró ninguna GPU NVIDIA</translation>
    </message>
    <message>
        <source>An NVIDIA driver is installed, but no GPU was found</source>
        <translation>Hay un controlador de NVIDIA instalado, pero no se encontró ninguna GPU</translation>
    </message>
    <message>
        <source>GPU status</source>
        <translation>Estado de la GPU</translation>
    </message>
    <message>
        <source>The current job&apos;s share</source>
        <translation>Parte del trabajo actual</translation>
    </message>
    <message>
        <source>GPU memory:</source>
        <translation>Memoria de GPU:</translation>
    </message>
    <message>
        <source>GPU use:</source>
        <translation>Uso de GPU:</translation>
    </message>
    <message>
        <source>No job process is running right now.</source>
        <translation>Ahora mismo no hay ningún proceso de trabajo en marcha.</translation>
    </message>
    <message>
        <source>{pct:.0f} % of {n} cores</source>
        <translation>{pct:.0f} % de {n} núcleos</translation>
    </message>
    <message>
        <source>{pct:.0f} %</source>
        <translation>{pct:.0f} %</translation>
    </message>
    <message>
        <source>{used} of {limit} transferred</source>
        <translation>{used} de {limit} transferidos</translation>
    </message>
    <message>
        <source>{used} transferred</source>
        <translation>{used} transferidos</translation>
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
        <translation>No se encontró la bandeja del sistema: deja esta ventana abierta (al cerrarla se deja de contribuir).</translation>
    </message>
    <message>
        <source>No system tray</source>
        <translation>Sin bandeja del sistema</translation>
    </message>
    <message>
        <source>Dashboard sections</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>&amp;Now</source>
        <translation>&amp;Ahora</translation>
    </message>
    <message>
        <source>&amp;Machine</source>
        <translation>&amp;Equipo</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Registro</translation>
    </message>
    <message>
        <source>H&amp;istory</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Save &amp;diagnostics…</source>
        <translation>Guardar &amp;diagnóstico…</translation>
    </message>
    <message>
        <source>&amp;About Desktop Agent</source>
        <translation>A&amp;cerca de Desktop Agent</translation>
    </message>
    <message>
        <source>Desktop Agent {version}

Lends this computer&apos;s spare processor and graphics card to train small pieces of other people&apos;s machine-learning jobs for the Grid-X project. Jobs run at low priority, in a sandbox where the computer allows it, and you can pause at any time.

Your data folder: {folder}</source>
        <translation>Desktop Agent {version}

Presta el procesador y la tarjeta gráfica que este equipo no usa para entrenar pequeñas partes de trabajos de aprendizaje automático de otras personas, para el proyecto Grid-X. Los trabajos se ejecutan con prioridad baja, en un entorno aislado cuando el equipo lo permite, y puedes pausar en cualquier momento.

Tu carpeta de datos: {folder}</translation>
    </message>
    <message>
        <source>About Desktop Agent</source>
        <translation>Acerca de Desktop Agent</translation>
    </message>
    <message>
        <source>Save diagnostics</source>
        <translation>Guardar diagnóstico</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Archivos zip (*.zip)</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnóstico</translation>
    </message>
    <message>
        <source>Could not write diagnostics: {err}</source>
        <translation>No se pudo escribir el diagnóstico: {err}</translation>
    </message>
    <message>
        <source>Saved {path}.
Your machine id and email addresses were removed; look inside before sharing it.</source>
        <translation>Se guardó {path}.
Se quitaron el identificador de tu equipo y las direcciones de correo; revisa el contenido antes de compartirlo.</translation>
    </message>
    <message>
        <source>Desktop Agent keeps running in the system tray, near the clock. Click its icon to open this window again; use Quit in its menu to stop.</source>
        <translation>Desktop Agent sigue funcionando en la bandeja del sistema, junto al reloj. Haz clic en su icono para volver a abrir esta ventana; usa Salir en su menú para detenerlo.</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>Sigue en marcha</translation>
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
        <translation>Usar la configuración de proxy del sistema</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Sin proxy</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>Proxy address</source>
        <translation>Dirección del proxy</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy:</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>Direcció&amp;n:</translation>
    </message>
    <message>
        <source>A new proxy is used the next time the app starts.</source>
        <translation>El nuevo proxy se usará la próxima vez que se inicie la aplicación.</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> KB/s</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>Fastest download speed for job files</source>
        <translation>Velocidad máxima de descarga de los archivos de trabajo</translation>
    </message>
    <message>
        <source>Fastest upload speed for results</source>
        <translation>Velocidad máxima de subida de resultados</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>Data allowed per month</source>
        <translation>Datos permitidos al mes</translation>
    </message>
    <message>
        <source>Data use</source>
        <translation>Uso de datos</translation>
    </message>
    <message>
        <source>Download spee&amp;d:</source>
        <translation>&amp;Velocidad de descarga:</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Como máximo</translation>
    </message>
    <message>
        <source>&amp;Upload speed:</source>
        <translation>Velocidad de su&amp;bida:</translation>
    </message>
    <message>
        <source>for results</source>
        <translation>para los resultados</translation>
    </message>
    <message>
        <source>Per mon&amp;th:</source>
        <translation>&amp;Por mes:</translation>
    </message>
    <message>
        <source>downloaded and uploaded</source>
        <translation>de descarga y subida</translation>
    </message>
    <message>
        <source>Past the monthly amount no new task is taken until the 1st of the next month.</source>
        <translation>Pasada la cantidad mensual, no se acepta ninguna tarea nueva hasta el día 1 del mes siguiente.</translation>
    </message>
    <message>
        <source>Enter a proxy address such as http://proxy.example.com:3128</source>
        <translation>Escribe una dirección de proxy, por ejemplo http://proxy.example.com:3128</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Show a short popup when a task is done</source>
        <translation>Mostrar un aviso breve al terminar una tarea</translation>
    </message>
    <message>
        <source>Popup when a task is done</source>
        <translation>Aviso al terminar una tarea</translation>
    </message>
    <message>
        <source>Tell me when the server stays unreachable, and when it is back</source>
        <translation>Avisarme cuando el servidor no responda durante un rato y cuando vuelva</translation>
    </message>
    <message>
        <source>Popup about server problems</source>
        <translation>Aviso de problemas del servidor</translation>
    </message>
    <message>
        <source>Popups</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>A task that fails is always told.</source>
        <translation>Una tarea que falla siempre se avisa.</translation>
    </message>
</context>
<context>
    <name>NowTab</name>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Qué pasa ahora</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Pause or resume contributing</source>
        <translation>Pausar o reanudar la contribución</translation>
    </message>
    <message>
        <source>Set &amp;up again…</source>
        <translation>Configurar de &amp;nuevo…</translation>
    </message>
    <message>
        <source>Set up again</source>
        <translation>Configurar de nuevo</translation>
    </message>
    <message>
        <source>Snoo&amp;ze</source>
        <translation>&amp;Posponer</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Posponer</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Durante 1 hora</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Hasta mañana</translation>
    </message>
    <message>
        <source>&amp;Finish current task, then pause</source>
        <translation>&amp;Terminar la tarea y pausar</translation>
    </message>
    <message>
        <source>Finish current task, then pause</source>
        <translation>Terminar la tarea actual y pausar</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Current task</source>
        <translation>Tarea actual</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Task progress</source>
        <translation>Progreso de la tarea</translation>
    </message>
    <message>
        <source>Job:</source>
        <translation>Trabajo:</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Tarea:</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Ahora:</translation>
    </message>
    <message>
        <source>Running for:</source>
        <translation>En marcha desde hace:</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Tiempo restante:</translation>
    </message>
    <message>
        <source>No task right now.</source>
        <translation>Ahora mismo no hay tarea.</translation>
    </message>
    <message>
        <source>Last task</source>
        <translation>Última tarea</translation>
    </message>
    <message>
        <source>Last task, for “{title}”: {outcome} after {duration}</source>
        <translation>Última tarea, para «{title}»: {outcome} tras {duration}</translation>
    </message>
    <message>
        <source>Last task: {task} — {outcome} after {duration}</source>
        <translation>Última tarea: {task} — {outcome} tras {duration}</translation>
    </message>
    <message>
        <source>Back online — result delivered. Thank you!</source>
        <translation>De nuevo en línea: resultado entregado. ¡Gracias!</translation>
    </message>
    <message>
        <source>Back online — sending your result…</source>
        <translation>De nuevo en línea: enviando tu resultado…</translation>
    </message>
    <message>
        <source>Back online.</source>
        <translation>De nuevo en línea.</translation>
    </message>
    <message>
        <source>Finishing up, then closing.</source>
        <translation>Terminando y luego cerrando.</translation>
    </message>
    <message>
        <source>{title} (job {id})</source>
        <translation>{title} (trabajo {id})</translation>
    </message>
    <message>
        <source> (resumed)</source>
        <translation> (reanudada)</translation>
    </message>
    <message>
        <source>Saved — waiting to send</source>
        <translation>Guardado: pendiente de envío</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
</context>
<context>
    <name>OutageLine</name>
    <message>
        <source>Server not answering</source>
        <translation>El servidor no responde</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Volver a intentar</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Volver a intentar ahora</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>De nuevo en línea</translation>
    </message>
</context>
<context>
    <name>ProgramList</name>
    <message>
        <source>Programs that pause the job</source>
        <translation>Programas que pausan el trabajo</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>A&amp;gregar…</translation>
    </message>
    <message>
        <source>Add a program</source>
        <translation>Agregar un programa</translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Remove the chosen program</source>
        <translation>Quitar el programa elegido</translation>
    </message>
    <message>
        <source>No programs yet.</source>
        <translation>Todavía no hay programas.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>computer in use (idle {idle} of {limit} min)</source>
        <translation>el equipo está en uso (inactivo {idle} de {limit} min)</translation>
    </message>
    <message>
        <source>on battery</source>
        <translation>funcionando con batería</translation>
    </message>
    <message>
        <source>outside the schedule</source>
        <translation>fuera del horario</translation>
    </message>
    <message>
        <source>low disk space ({free} free, {needed} needed)</source>
        <translation>poco espacio en disco ({free} libres, {needed} necesarios)</translation>
    </message>
    <message>
        <source>on a metered connection</source>
        <translation>con una conexión de uso medido</translation>
    </message>
    <message>
        <source>GPU too hot ({celsius} °C; resumes below {resume_below} °C)</source>
        <translation>GPU demasiado caliente ({celsius} °C; continúa por debajo de {resume_below} °C)</translation>
    </message>
    <message>
        <source>CPU too hot ({celsius} °C; resumes below {resume_below} °C)</source>
        <translation>CPU demasiado caliente ({celsius} °C; continúa por debajo de {resume_below} °C)</translation>
    </message>
    <message>
        <source>the job uses {share} % of memory (limit {limit} %)</source>
        <translation>el trabajo usa el {share} % de la memoria (límite {limit} %)</translation>
    </message>
    <message>
        <source>jobs cannot be sandboxed here ({why}) and unsandboxed jobs are not allowed — install bubblewrap, or allow unsandboxed jobs</source>
        <translation>aquí los trabajos no se pueden aislar ({why}) y los trabajos sin aislar no están permitidos: instale bubblewrap o permita trabajos sin aislar</translation>
    </message>
    <message>
        <source>a full-screen app is in front</source>
        <translation>hay una aplicación a pantalla completa delante</translation>
    </message>
    <message>
        <source>{program} is running</source>
        <translation>{program} se está ejecutando</translation>
    </message>
    <message>
        <source>this month&apos;s transfer limit ({limit}) is used up — work resumes on {day}</source>
        <translation>se ha agotado el límite de transferencia de este mes ({limit}); se reanuda el {day}</translation>
    </message>
    <message>
        <source>{why} — &quot;only when idle&quot; cannot apply</source>
        <translation>{why}: «solo cuando esté inactivo» no se puede aplicar</translation>
    </message>
    <message>
        <source>CPU temperature unknown ({why}) — the CPU temperature limit cannot apply</source>
        <translation>temperatura de la CPU desconocida ({why}): el límite de temperatura de la CPU no se puede aplicar</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>mañana {time}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>outside the schedule (until {when})</source>
        <translation>fuera del horario (hasta {when})</translation>
    </message>
    <message>
        <source>d MMMM</source>
        <translation>d &apos;de&apos; MMMM</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Start at login</source>
        <translation>Iniciar al entrar en la sesión</translation>
    </message>
    <message>
        <source>Pause on battery</source>
        <translation>Pausar con batería</translation>
    </message>
    <message>
        <source>No downloads on a metered connection</source>
        <translation>Sin descargas en conexiones de uso medido</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>all</source>
        <translation>todos</translation>
    </message>
    <message>
        <source>Run jobs at low priority</source>
        <translation>Ejecutar los trabajos con prioridad baja</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>Memory limit for a job</source>
        <translation>Límite de memoria por trabajo</translation>
    </message>
    <message>
        <source>pause it</source>
        <translation>pausarlo</translation>
    </message>
    <message>
        <source>stop it</source>
        <translation>detenerlo</translation>
    </message>
    <message>
        <source>What to do past the memory limit</source>
        <translation>Qué hacer al pasar el límite de memoria</translation>
    </message>
    <message>
        <source>Give a paused task back after</source>
        <translation>Devolver una tarea en pausa tras</translation>
    </message>
    <message>
        <source>Use the GPU</source>
        <translation>Usar la GPU</translation>
    </message>
    <message>
        <source>Start when I log in (in the tray)</source>
        <translation>Iniciar al entrar en la sesión (en la bandeja)</translation>
    </message>
    <message>
        <source>Only when I&apos;m not using the computer</source>
        <translation>Solo cuando no uso el equipo</translation>
    </message>
    <message>
        <source>Only when the computer is not in use</source>
        <translation>Solo cuando el equipo no se usa</translation>
    </message>
    <message>
        <source>Minutes without use before work starts</source>
        <translation>Minutos sin uso antes de empezar a trabajar</translation>
    </message>
    <message>
        <source>When the computer runs on battery</source>
        <translation>Cuando el equipo funciona con batería</translation>
    </message>
    <message>
        <source>While a full-screen program (a game, a film) is in front</source>
        <translation>Mientras haya un programa a pantalla completa (un juego, una película) delante</translation>
    </message>
    <message>
        <source>Pause while a full-screen program is in front</source>
        <translation>Pausar mientras haya un programa a pantalla completa delante</translation>
    </message>
    <message>
        <source>No downloads on a metered connection (mobile data)</source>
        <translation>Sin descargas en conexiones de uso medido (datos móviles)</translation>
    </message>
    <message>
        <source>Processor cores a job may use</source>
        <translation>Núcleos del procesador que puede usar un trabajo</translation>
    </message>
    <message>
        <source>Share of the processor time a job may use</source>
        <translation>Parte del tiempo de procesador que puede usar un trabajo</translation>
    </message>
    <message>
        <source>Run jobs at low priority, so my own programs come first</source>
        <translation>Ejecutar los trabajos con prioridad baja, para que mis programas vayan primero</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>Pause above this processor temperature</source>
        <translation>Pausar por encima de esta temperatura del procesador</translation>
    </message>
    <message>
        <source>Use the graphics card (GPU)</source>
        <translation>Usar la tarjeta gráfica (GPU)</translation>
    </message>
    <message>
        <source>Pause above this GPU temperature</source>
        <translation>Pausar por encima de esta temperatura de la GPU</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>Empezar tras</translation>
    </message>
    <message>
        <source>without mouse or keyboard</source>
        <translation>sin ratón ni teclado</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horario</translation>
    </message>
    <message>
        <source>Pause the job</source>
        <translation>Pausar el trabajo</translation>
    </message>
    <message>
        <source>While any of these programs is o&amp;pen:</source>
        <translation>Mientras alguno de estos programas esté a&amp;bierto:</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Descargas</translation>
    </message>
    <message>
        <source>&amp;Processor cores:</source>
        <translation>&amp;Núcleos del procesador:</translation>
    </message>
    <message>
        <source>Processor &amp;time:</source>
        <translation>&amp;Tiempo de procesador:</translation>
    </message>
    <message>
        <source>Use at most</source>
        <translation>Usar como máximo</translation>
    </message>
    <message>
        <source>of the processor time</source>
        <translation>del tiempo de procesador</translation>
    </message>
    <message>
        <source>Memor&amp;y:</source>
        <translation>&amp;Memoria:</translation>
    </message>
    <message>
        <source>If a job uses more than</source>
        <translation>Si un trabajo usa más del</translation>
    </message>
    <message>
        <source>of the memory,</source>
        <translation>de la memoria,</translation>
    </message>
    <message>
        <source>Processor temperature:</source>
        <translation>Temperatura del procesador:</translation>
    </message>
    <message>
        <source>&amp;GPU temperature:</source>
        <translation>Temperatura de la &amp;GPU:</translation>
    </message>
    <message>
        <source>Paused tas&amp;k:</source>
        <translation>Tarea en pau&amp;sa:</translation>
    </message>
    <message>
        <source>Give it back after</source>
        <translation>Devolverla tras</translation>
    </message>
    <message>
        <source>so someone else can finish it</source>
        <translation>para que otro la termine</translation>
    </message>
    <message>
        <source>Limits on the processor and memory apply from the next task.</source>
        <translation>Los límites de procesador y memoria se aplican desde la siguiente tarea.</translation>
    </message>
    <message>
        <source>Saved. Rules apply now; processor and GPU limits from the next task.</source>
        <translation>Guardado. Las reglas se aplican ya; los límites de procesador y GPU, desde la siguiente tarea.</translation>
    </message>
    <message>
        <source>Pause above</source>
        <translation>Pausar por encima de</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save contribution rules</source>
        <translation>Guardar las reglas de contribución</translation>
    </message>
    <message>
        <source>Could not save: {err}</source>
        <translation>No se pudo guardar: {err}</translation>
    </message>
    <message>
        <source>Could not change start at login: {err}</source>
        <translation>No se pudo cambiar el inicio al entrar en la sesión: {err}</translation>
    </message>
    <message>
        <source>Starts at login: {where}</source>
        <translation>Se inicia al entrar en la sesión: {where}</translation>
    </message>
    <message>
        <source>Won&apos;t start at login.</source>
        <translation>No se iniciará al entrar en la sesión.</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <source>Monday</source>
        <translation>Lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>En cualquier momento</translation>
    </message>
    <message>
        <source>Contribute at any time of the week</source>
        <translation>Contribuir en cualquier momento de la semana</translation>
    </message>
    <message>
        <source>Only during these hours (this computer&apos;s clock):</source>
        <translation>Solo en estas horas (reloj de este equipo):</translation>
    </message>
    <message>
        <source>Contribute only during chosen hours</source>
        <translation>Contribuir solo en las horas elegidas</translation>
    </message>
    <message>
        <source>not this day</source>
        <translation>este día no</translation>
    </message>
    <message>
        <source>Add hours</source>
        <translation>Añadir horas</translation>
    </message>
    <message>
        <source>Add hours on {day}</source>
        <translation>Añadir horas el {day}</translation>
    </message>
    <message>
        <source>Add hours to at least one day, or choose &quot;Any time&quot;.</source>
        <translation>Añade horas a al menos un día o elige «En cualquier momento».</translation>
    </message>
    <message>
        <source>{day}: the hours start and end at the same time ({at}) — change one of them, or remove them.</source>
        <translation>{day}: las horas empiezan y terminan a la misma hora ({at}); cambia una de ellas o quítalas.</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Account and language</source>
        <translation>Cuenta e idioma</translation>
    </message>
    <message>
        <source>When to contribute</source>
        <translation>Cuándo contribuir</translation>
    </message>
    <message>
        <source>How much to use</source>
        <translation>Cuánto usar</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Almacenamiento</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Páginas de configuración</translation>
    </message>
    <message>
        <source>Settings status</source>
        <translation>Estado de la configuración</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Deshacer cambios</translation>
    </message>
    <message>
        <source>Revert to the saved settings</source>
        <translation>Volver a la configuración guardada</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>Ap&amp;licar</translation>
    </message>
    <message>
        <source>Apply and save the settings</source>
        <translation>Aplicar y guardar la configuración</translation>
    </message>
    <message>
        <source>Changes not saved yet — press Apply to use them.</source>
        <translation>Cambios aún sin guardar: pulsa Aplicar para usarlos.</translation>
    </message>
    <message>
        <source>These settings could not be saved: {err}</source>
        <translation>No se pudo guardar esta configuración: {err}</translation>
    </message>
    <message>
        <source>Could not save the settings ({err}). Check that there is free disk space and that the data folder can be written to.</source>
        <translation>No se pudo guardar la configuración ({err}). Comprueba que hay espacio libre en el disco y que se puede escribir en la carpeta de datos.</translation>
    </message>
    <message>
        <source>Saved. Rules apply now; processor and GPU limits from the next task; the proxy and the language the next time the app starts.</source>
        <translation>Guardado. Las reglas se aplican ya; los límites de procesador y GPU, desde la siguiente tarea; el proxy y el idioma, la próxima vez que se inicie la aplicación.</translation>
    </message>
    <message>
        <source>Back to the saved settings.</source>
        <translation>Se volvió a la configuración guardada.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>This email has no account yet — create one on the website, &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;, then press Connect again. Already registered with capital letters before the @? Ask the project to change your account&apos;s email to lower case.</source>
        <translation>Este correo todavía no tiene cuenta: crea una en el sitio web, &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;, y luego pulsa Conectar otra vez. ¿Te registraste con mayúsculas antes de la @? Pide al proyecto que cambie el correo de tu cuenta a minúsculas.</translation>
    </message>
    <message>
        <source>This email has no account yet — register on the website first. Already registered? If the address you signed up with has capital letters before the @, the server can never match it: ask the project to change your account&apos;s email to lower case, or sign up again with the address all in lower case.</source>
        <translation>Este correo aún no tiene cuenta: regístrate primero en el sitio web. ¿Ya te registraste? Si la dirección con la que te registraste tiene mayúsculas antes de la @, el servidor nunca podrá reconocerla: pide al proyecto que cambie el correo de tu cuenta a minúsculas, o regístrate de nuevo con la dirección toda en minúsculas.</translation>
    </message>
    <message>
        <source>The server at {server} answered, but it does not look like a Grid-X server — check the address.</source>
        <translation>El servidor {server} respondió, pero no parece un servidor de Grid-X: revisa la dirección.</translation>
    </message>
    <message>
        <source>Can&apos;t reach the server at {server} — check the address or your connection.</source>
        <translation>No se puede contactar con el servidor {server}: revisa la dirección o tu conexión.</translation>
    </message>
    <message>
        <source>Something went wrong while connecting: {error}</source>
        <translation>Algo salió mal al conectar: {error}</translation>
    </message>
    <message>
        <source>Set up Desktop Agent</source>
        <translation>Configurar Desktop Agent</translation>
    </message>
    <message>
        <source>&lt;b&gt;Share this computer&apos;s spare power&lt;/b&gt;</source>
        <translation>&lt;b&gt;Comparte la potencia que este equipo no usa&lt;/b&gt;</translation>
    </message>
    <message>
        <source>By connecting, you trust this server to send this computer code written by other people. Where the computer allows it, that code runs in a sandbox with no network and no access to your files.</source>
        <translation>Al conectar, confías en que este servidor envíe a este equipo código escrito por otras personas. Cuando el equipo lo permite, ese código se ejecuta en un entorno aislado, sin red y sin acceso a tus archivos.</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>tu@example.com</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Dirección de correo</translation>
    </message>
    <message>
        <source>The email of your account on the project&apos;s website.</source>
        <translation>El correo de tu cuenta en el sitio web del proyecto.</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>Show advanced settings</source>
        <translation>Mostrar la configuración avanzada</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Problema de conexión</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Back to the email</source>
        <translation>Volver al correo</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Next: when to help</source>
        <translation>Siguiente: cuándo ayudar</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Correo:</translation>
    </message>
    <message>
        <source>Connects to {server}, the project&apos;s default server.</source>
        <translation>Se conecta a {server}, el servidor predeterminado del proyecto.</translation>
    </message>
    <message>
        <source>Connects to {server} — not the project&apos;s default server; make sure it is the one you were given.</source>
        <translation>Se conecta a {server}, que no es el servidor predeterminado del proyecto; comprueba que sea el que te dieron.</translation>
    </message>
    <message>
        <source>Step {n} of 2</source>
        <translation>Paso {n} de 2</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>That doesn&apos;t look like an email address — check for typos.</source>
        <translation>Eso no parece una dirección de correo: revisa si hay errores.</translation>
    </message>
    <message>
        <source>This computer trains small pieces of machine-learning jobs for researchers, at low priority so your own programs come first. You can pause at any time.</source>
        <translation>Este equipo entrena pequeñas partes de trabajos de aprendizaje automático para investigadores, con prioridad baja para que tus programas vayan primero. Puedes pausar en cualquier momento.</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://</source>
        <translation>La dirección del servidor debe empezar por http:// o https://</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>{eta} left</source>
        <translation>quedan {eta}</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Descargando</translation>
    </message>
    <message>
        <source>Preparing environment</source>
        <translation>Preparando el entorno</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenando</translation>
    </message>
    <message>
        <source>Sending the result</source>
        <translation>Enviando el resultado</translation>
    </message>
    <message>
        <source>Reporting to the server</source>
        <translation>Informando al servidor</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>not accepted by the server</source>
        <translation>no aceptada por el servidor</translation>
    </message>
    <message>
        <source>the job&apos;s code failed</source>
        <translation>falló el código del trabajo</translation>
    </message>
    <message>
        <source>given back for someone else</source>
        <translation>devuelta para otra persona</translation>
    </message>
    <message>
        <source>stopped and not sent</source>
        <translation>detenida y no enviada</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>menos de un minuto</translation>
    </message>
    <message>
        <source>about {n} min</source>
        <translation>unos {n} min</translation>
    </message>
    <message>
        <source>about {h} h {m:02d} min</source>
        <translation>unas {h} h {m:02d} min</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering — your result is saved and will be sent automatically.</source>
        <translation>El servidor de {server} no responde: tu resultado está guardado y se enviará automáticamente.</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering — nothing is lost; it is tried again automatically.</source>
        <translation>El servidor de {server} no responde: no se pierde nada; se volverá a intentar automáticamente.</translation>
    </message>
    <message>
        <source>Next try in {n} s.</source>
        <translation>Próximo intento en {n} s.</translation>
    </message>
    <message>
        <source>Trying again now…</source>
        <translation>Volviendo a intentar…</translation>
    </message>
    <message>
        <source>The task is on hold. A task paused for more than {n} min is given back so someone else can finish it.</source>
        <translation>La tarea está en espera. Una tarea en pausa más de {n} min se devuelve para que otra persona la termine.</translation>
    </message>
    <message>
        <source>Paused while {program} is running</source>
        <translation>En pausa mientras {program} está abierto</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>Esperando al servidor</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Iniciando</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniéndose…</translation>
    </message>
    <message>
        <source>The task in hand is kept and continues next time.</source>
        <translation>La tarea en curso se conserva y continuará la próxima vez.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Needs setup</source>
        <translation>Hay que configurarlo</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Can&apos;t reach the {server} server yet</source>
        <translation>Todavía no se puede contactar con el servidor de {server}</translation>
    </message>
    <message>
        <source>It is tried again automatically.</source>
        <translation>Se volverá a intentar automáticamente.</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Conectando con el servidor…</translation>
    </message>
    <message>
        <source>Giving a task back to the server…</source>
        <translation>Devolviendo una tarea al servidor…</translation>
    </message>
    <message>
        <source>Resting a few minutes so the server can hand it to someone else.</source>
        <translation>Descansando unos minutos para que el servidor pueda dársela a otra persona.</translation>
    </message>
    <message>
        <source>Paused by you</source>
        <translation>Pausado por ti</translation>
    </message>
    <message>
        <source>Nothing runs until you resume.</source>
        <translation>No se ejecuta nada hasta que reanudes.</translation>
    </message>
    <message>
        <source>paused by you</source>
        <translation>pausado por ti</translation>
    </message>
    <message>
        <source>Snoozed until {when}</source>
        <translation>En pausa breve hasta {when}</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Pospuesto</translation>
    </message>
    <message>
        <source>Contributing starts again by itself.</source>
        <translation>La contribución se reanudará sola.</translation>
    </message>
    <message>
        <source>Finishing this task, then pausing</source>
        <translation>Terminando esta tarea y luego pausa</translation>
    </message>
    <message>
        <source>On hold for now: {why}</source>
        <translation>En espera por ahora: {why}</translation>
    </message>
    <message>
        <source>No new task is taken.</source>
        <translation>No se acepta ninguna tarea nueva.</translation>
    </message>
    <message>
        <source>keep contributing after this task</source>
        <translation>seguir contribuyendo tras esta tarea</translation>
    </message>
    <message>
        <source>Waiting: {why}</source>
        <translation>Esperando: {why}</translation>
    </message>
    <message>
        <source>Task on hold</source>
        <translation>Tarea en espera</translation>
    </message>
    <message>
        <source>The task continues by itself when that changes.</source>
        <translation>La tarea continuará sola cuando eso cambie.</translation>
    </message>
    <message>
        <source>Your result is ready — waiting for the server</source>
        <translation>Tu resultado está listo: esperando al servidor</translation>
    </message>
    <message>
        <source>Working on “{title}”</source>
        <translation>Trabajando en «{title}»</translation>
    </message>
    <message>
        <source>Working on a task</source>
        <translation>Trabajando en una tarea</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering</source>
        <translation>El servidor de {server} no responde</translation>
    </message>
    <message>
        <source>Paused: {why}</source>
        <translation>En pausa: {why}</translation>
    </message>
    <message>
        <source>A result already in hand is still sent; the limit can be changed in Settings.</source>
        <translation>Un resultado ya obtenido se envía igualmente; el límite se puede cambiar en Configuración.</translation>
    </message>
    <message>
        <source>Work starts by itself when that changes.</source>
        <translation>El trabajo empezará solo cuando eso cambie.</translation>
    </message>
    <message>
        <source>Ready — waiting for work</source>
        <translation>Listo: esperando trabajo</translation>
    </message>
    <message>
        <source>New work is picked up automatically.</source>
        <translation>El trabajo nuevo se recoge automáticamente.</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>Abrir car&amp;peta</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Abrir la carpeta de datos</translation>
    </message>
</context>
<context>
    <name>TaskDetailsDialog</name>
    <message>
        <source>{n:,} bytes</source>
        <translation>{n:,} bytes</translation>
    </message>
    <message>
        <source>{cpu:.1f} s of CPU</source>
        <translation>{cpu:.1f} s de CPU</translation>
    </message>
    <message>
        <source>CPU time not measured</source>
        <translation>tiempo de CPU sin medir</translation>
    </message>
    <message>
        <source>peak memory {mb:.0f} MB</source>
        <translation>memoria máx. {mb:.0f} MB</translation>
    </message>
    <message>
        <source>peak GPU memory {mb:.0f} MB</source>
        <translation>memoria de GPU máx. {mb:.0f} MB</translation>
    </message>
    <message>
        <source>energy {wh:.2f} Wh ({how})</source>
        <translation>energía {wh:.2f} Wh ({how})</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>medida</translation>
    </message>
    <message>
        <source>energy not measured</source>
        <translation>energía sin medir</translation>
    </message>
    <message>
        <source>not recorded (the task did not get as far as running train.py)</source>
        <translation>sin registrar (la tarea no llegó a ejecutar train.py)</translation>
    </message>
    <message>
        <source>bwrap — contained: no network, no access to your files, only its own folder writable</source>
        <translation>bwrap — aislado: sin red, sin acceso a tus archivos, solo puede escribir en su propia carpeta</translation>
    </message>
    <message>
        <source>no sandbox available</source>
        <translation>no hay entorno aislado disponible</translation>
    </message>
    <message>
        <source>bubblewrap is not installed</source>
        <translation>bubblewrap no está instalado</translation>
    </message>
    <message>
        <source>no sandbox on this system yet</source>
        <translation>todavía no hay aislamiento en este sistema</translation>
    </message>
    <message>
        <source>bubblewrap does not work here: {why}</source>
        <translation>bubblewrap no funciona aquí: {why}</translation>
    </message>
    <message>
        <source>none — ran without a sandbox ({why}); it could read what your account can read</source>
        <translation>ninguno: se ejecutó sin entorno aislado ({why}); podía leer lo que puede leer tu cuenta</translation>
    </message>
    <message>
        <source>Task {task} — what ran</source>
        <translation>Tarea {task}: qué se ejecutó</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>{task} (job {job})</source>
        <translation>{task} (trabajo {job})</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>{outcome} after {s:.1f} s</source>
        <translation>{outcome} tras {s:.1f} s</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Entorno aislado</translation>
    </message>
    <message>
        <source>Limits enforced by</source>
        <translation>Límites aplicados por</translation>
    </message>
    <message>
        <source>train.py SHA-256</source>
        <translation>SHA-256 de train.py</translation>
    </message>
    <message>
        <source>train.py size</source>
        <translation>Tamaño de train.py</translation>
    </message>
    <message>
        <source>Data size</source>
        <translation>Tamaño de los datos</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Código de salida</translation>
    </message>
    <message>
        <source>What it cost</source>
        <translation>Lo que costó</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Requisitos</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>Abrir el registro</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Abrir el resultado</translation>
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
        <translation>Hoy {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>Ayer {time}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Posponer</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Durante 1 hora</translation>
    </message>
    <message>
        <source>Until tomorrow morning (07:00)</source>
        <translation>Hasta mañana temprano (07:00)</translation>
    </message>
    <message>
        <source>Finish current task, then pause</source>
        <translation>Terminar la tarea actual y pausar</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation>Abrir el panel</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Back online — your result was delivered. Thank you!</source>
        <translation>De nuevo en línea: tu resultado se ha entregado. ¡Gracias!</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Tarea hecha</translation>
    </message>
    <message>
        <source>Task {id} finished. Thank you!</source>
        <translation>Tarea {id} terminada. ¡Gracias!</translation>
    </message>
    <message>
        <source>Task failed</source>
        <translation>La tarea falló</translation>
    </message>
    <message>
        <source>Task {id} failed; the job&apos;s owner is told.</source>
        <translation>La tarea {id} falló; se avisa al dueño del trabajo.</translation>
    </message>
    <message>
        <source>Setup needed</source>
        <translation>Hay que configurarlo</translation>
    </message>
    <message>
        <source>The {server} server is answering again.</source>
        <translation>El servidor {server} vuelve a responder.</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>De nuevo en línea</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>The server isn&apos;t answering</source>
        <translation>El servidor no responde</translation>
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
        <translation>Reiniciar para actualizar</translation>
    </message>
    <message>
        <source>Available once the current task is finished</source>
        <translation>Disponible cuando termine la tarea actual</translation>
    </message>
</context>
<context>
    <name>_GpuBox</name>
    <message>
        <source>Utilisation:</source>
        <translation>Uso:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Memoria:</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Temperatura:</translation>
    </message>
    <message>
        <source>Power:</source>
        <translation>Potencia:</translation>
    </message>
</context>
<context>
    <name>_Range</name>
    <message>
        <source>from</source>
        <translation>desde</translation>
    </message>
    <message>
        <source>until</source>
        <translation>hasta</translation>
    </message>
    <message>
        <source>{day} {what}</source>
        <translation>{day} {what}</translation>
    </message>
    <message>
        <source>midnight</source>
        <translation>medianoche</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove these hours on {day}</source>
        <translation>Quitar estas horas del {day}</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
</context>
</TS>
