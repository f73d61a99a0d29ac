<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountPage</name>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>更改(&amp;C)…</translation>
    </message>
    <message>
        <source>Change email or server</source>
        <translation>更改邮箱或服务器</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>语言(&amp;G)：</translation>
    </message>
    <message>
        <source>A new language shows the next time the app starts.</source>
        <translation>新语言将在下次启动应用时生效。</translation>
    </message>
    <message>
        <source>(not set up)</source>
        <translation>（未设置）</translation>
    </message>
</context>
<context>
    <name>AddProgramDialog</name>
    <message>
        <source>Pause for a program</source>
        <translation>遇到程序时暂停</translation>
    </message>
    <message>
        <source>Program name</source>
        <translation>程序名称</translation>
    </message>
    <message>
        <source>for example steam</source>
        <translation>例如 steam</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>程序(&amp;P)：</translation>
    </message>
    <message>
        <source>Pick a program that is running now, or type its name if it isn&apos;t.</source>
        <translation>选择一个正在运行的程序，或输入它的名称。</translation>
    </message>
    <message>
        <source>Problem with the program name</source>
        <translation>程序名称有问题</translation>
    </message>
    <message>
        <source>Type or pick the name of a program.</source>
        <translation>请输入或选择一个程序名称。</translation>
    </message>
    <message>
        <source>That name is too long for a program name.</source>
        <translation>这个名称太长，不像程序名称。</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>A result is waiting</source>
        <translation>有结果等待发送</translation>
    </message>
    <message>
        <source>A finished result is still waiting to be delivered to the server.</source>
        <translation>一个已完成的结果仍在等待发送到服务器。</translation>
    </message>
    <message>
        <source>If you change the account now, the credit for it may be lost. Wait until it is delivered?</source>
        <translation>如果现在更换账户，这个结果的贡献可能会丢失。要等它发送完成吗？</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Change anyway</source>
        <translation>仍然更换</translation>
    </message>
    <message>
        <source>&amp;Pause anyway</source>
        <translation>仍然暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Snooze anyway</source>
        <translation>仍然暂停一段时间(&amp;S)</translation>
    </message>
    <message>
        <source>Desktop Agent — Stopping…</source>
        <translation>Desktop Agent — 正在停止…</translation>
    </message>
    <message>
        <source>The engine stopped.</source>
        <translation>后台程序已停止。</translation>
    </message>
    <message>
        <source>The engine stopped with an error: {msg}</source>
        <translation>后台程序因错误停止：{msg}</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly several times in a row (last at {when}) and was not restarted automatically. If it happens again, please send the diagnostics report from the Help menu to the project.</source>
        <translation>Desktop Agent 连续多次意外停止（最后一次在 {when}），没有自动重新启动。如果再次发生，请从“帮助”菜单把诊断报告发送给项目。</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly at {when} and started again by itself. It is continuing the task it was working on; nothing was lost.</source>
        <translation>Desktop Agent 在 {when} 意外停止，已自动重新启动。它正在继续之前的任务，没有丢失任何内容。</translation>
    </message>
    <message>
        <source>Desktop Agent stopped unexpectedly at {when} and started again by itself.</source>
        <translation>Desktop Agent 在 {when} 意外停止，已自动重新启动。</translation>
    </message>
    <message>
        <source>Desktop Agent restarted</source>
        <translation>Desktop Agent 已重新启动</translation>
    </message>
</context>
<context>
    <name>ContributionChart</name>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分钟</translation>
    </message>
    <message>
        <source>Nothing given in the last {n} days yet.</source>
        <translation>最近 {n} 天还没有贡献。</translation>
    </message>
    <message>
        <source>Last {n} days: {total} of compute; yesterday {yesterday}; most on {day} ({best}).</source>
        <translation>最近 {n} 天：计算 {total}；昨天 {yesterday}；最多的一天是 {day}（{best}）。</translation>
    </message>
    <message>
        <source>Compute given per day</source>
        <translation>每天贡献的计算量</translation>
    </message>
</context>
<context>
    <name>ContributionChoice</name>
    <message>
        <source>&lt;b&gt;When should this computer help?&lt;/b&gt;</source>
        <translation>&lt;b&gt;这台电脑什么时候帮忙？&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Only when I&apos;m not using the computer</source>
        <translation>仅在我不用电脑时(&amp;O)</translation>
    </message>
    <message>
        <source>Only when I&apos;m not using the computer</source>
        <translation>仅在我不用电脑时</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Minutes without use before work starts</source>
        <translation>无人使用多少分钟后开始工作</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>在</translation>
    </message>
    <message>
        <source>without mouse or keyboard</source>
        <translation>无鼠标或键盘操作后开始</translation>
    </message>
    <message>
        <source>Work pauses as soon as you are back.</source>
        <translation>你一回来，工作就会暂停。</translation>
    </message>
    <message>
        <source>&amp;Always, at low priority</source>
        <translation>始终，以低优先级(&amp;A)</translation>
    </message>
    <message>
        <source>Always, at low priority</source>
        <translation>始终，以低优先级</translation>
    </message>
    <message>
        <source>Your own programs still come first, but the computer works whenever it is on — you may hear its fan more often.</source>
        <translation>你自己的程序仍然优先，但电脑只要开着就会工作——风扇可能会更常转动。</translation>
    </message>
    <message>
        <source>&amp;Start when I log in (in the tray)</source>
        <translation>登录时启动（在托盘中）(&amp;S)</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>登录时启动</translation>
    </message>
    <message>
        <source>You can pause at any time, and change this later in Settings → When to contribute.</source>
        <translation>你可以随时暂停，以后也可以在“设置 → 何时贡献”中更改。</translation>
    </message>
</context>
<context>
    <name>ContributionView</name>
    <message>
        <source>Your contribution</source>
        <translation>你的贡献</translation>
    </message>
    <message>
        <source>Energy given: not measured</source>
        <translation>贡献的能耗：未测量</translation>
    </message>
    <message>
        <source>Energy given</source>
        <translation>贡献的能耗</translation>
    </message>
    <message>
        <source>Compute this computer gave, per day</source>
        <translation>这台电脑每天贡献的计算量</translation>
    </message>
    <message>
        <source>So far this computer has finished 1 task ({t} of compute). Thank you!</source>
        <translation>到目前为止，这台电脑已完成 1 个任务（计算 {t}）。谢谢！</translation>
    </message>
    <message>
        <source>So far this computer has finished {n} tasks ({t} of compute). Thank you!</source>
        <translation>到目前为止，这台电脑已完成 {n} 个任务（计算 {t}）。谢谢！</translation>
    </message>
    <message>
        <source>Finished tasks will be counted here.</source>
        <translation>完成的任务会统计在这里。</translation>
    </message>
    <message>
        <source>This machine has given {e}</source>
        <translation>这台电脑已贡献 {e}</translation>
    </message>
</context>
<context>
    <name>EnvCacheWidget</name>
    <message>
        <source>Job environments: measuring…</source>
        <translation>任务环境：正在计算…</translation>
    </message>
    <message>
        <source>Disk used by job environments</source>
        <translation>任务环境占用的磁盘空间</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear job environments</source>
        <translation>清除任务环境</translation>
    </message>
    <message>
        <source>Delete cached job environments; they are rebuilt when a job needs them</source>
        <translation>删除缓存的任务环境；任务需要时会重新创建</translation>
    </message>
    <message>
        <source>Job environments: a task is running — Clear when it ends</source>
        <translation>任务环境：有任务正在运行 — 请在它结束后清除</translation>
    </message>
    <message>
        <source>Job environments: clearing…</source>
        <translation>任务环境：正在清除…</translation>
    </message>
    <message>
        <source>Job environments: could not measure ({0})</source>
        <translation>任务环境：无法计算（{0}）</translation>
    </message>
    <message>
        <source>Job environments: {0} of {1}</source>
        <translation>任务环境：{0} / {1}</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>The server had already handed this task to someone else, so this result was not needed. Nothing is wrong with your computer.</source>
        <translation>服务器已把这个任务交给了其他人，所以不再需要这个结果。你的电脑没有任何问题。</translation>
    </message>
    <message>
        <source>The server had a problem of its own; it was tried again automatically.</source>
        <translation>服务器自身出现问题；已自动重试。</translation>
    </message>
    <message>
        <source>The connection to the server broke; it was tried again automatically.</source>
        <translation>与服务器的连接中断；已自动重试。</translation>
    </message>
    <message>
        <source>The server did not accept the result.</source>
        <translation>服务器没有接受这个结果。</translation>
    </message>
    <message>
        <source>The server did not accept the report that this task was finished.</source>
        <translation>服务器没有接受“任务已完成”的报告。</translation>
    </message>
    <message>
        <source>The server gave an answer this app could not use.</source>
        <translation>服务器返回了本应用无法使用的应答。</translation>
    </message>
    <message>
        <source>Given back to the server after it was paused for more than {n} min, so someone else could finish it.</source>
        <translation>暂停超过 {n} 分钟后已交还服务器，以便他人完成。</translation>
    </message>
    <message>
        <source>the server did not confirm that it had the finished task</source>
        <translation>服务器没有确认已收到完成的任务</translation>
    </message>
    <message>
        <source>the disk filled up again while this task ran</source>
        <translation>运行此任务时磁盘再次被占满</translation>
    </message>
    <message>
        <source>the disk holding the app&apos;s work folder is full</source>
        <translation>存放本应用工作文件夹的磁盘已满</translation>
    </message>
    <message>
        <source>the server could not be reached for a long time</source>
        <translation>服务器长时间无法连接</translation>
    </message>
    <message>
        <source>Given back to the server so someone else can finish it. Why: {why}</source>
        <translation>已交还服务器，以便他人完成。原因：{why}</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>The job&apos;s script stopped with an error (exit code {code}).</source>
        <translation>作业的脚本因错误而停止（退出代码 {code}）。</translation>
    </message>
    <message>
        <source>Its last lines: {lines}</source>
        <translation>最后几行：{lines}</translation>
    </message>
    <message>
        <source>The job&apos;s script ran past its time limit ({s} s) and was stopped.</source>
        <translation>作业的脚本超出了时间限制（{s} 秒），已被停止。</translation>
    </message>
    <message>
        <source>The job&apos;s script used more than {mb} MB of memory and was stopped.</source>
        <translation>作业的脚本使用了超过 {mb} MB 内存，已被停止。</translation>
    </message>
    <message>
        <source>The job&apos;s result ({size} MB) is larger than the {quota} MB allowed, so it was not sent.</source>
        <translation>作业的结果（{size} MB）超过允许的 {quota} MB，因此没有发送。</translation>
    </message>
    <message>
        <source>The job&apos;s script finished without writing its result.</source>
        <translation>作业的脚本已结束，但没有写出结果。</translation>
    </message>
    <message>
        <source>The job&apos;s result pointed at another file, so it was not sent.</source>
        <translation>作业的结果指向另一个文件，因此没有发送。</translation>
    </message>
    <message>
        <source>This app was connected to another server or account before the task finished.</source>
        <translation>任务完成前，本应用已连接到另一个服务器或账户。</translation>
    </message>
    <message>
        <source>The server gave an answer this app could not use; it is tried again automatically.</source>
        <translation>服务器返回了本应用无法使用的应答；将自动重试。</translation>
    </message>
    <message>
        <source>This email has no account yet — create one on the project&apos;s website, then choose Set up again.</source>
        <translation>这个邮箱还没有账户 — 请先在项目网站上注册，然后选择“重新设置”。</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>打开成果</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open {url}</source>
        <translation>双击或按回车键打开 {url}</translation>
    </message>
    <message>
        <source>Job {id}</source>
        <translation>作业 {id}</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Finished tasks</source>
        <translation>已完成的任务</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>No finished tasks yet.</source>
        <translation>还没有完成的任务。</translation>
    </message>
    <message>
        <source>Showing the newest {n} tasks. Export CSV… writes all of them.</source>
        <translation>仅显示最近的 {n} 个任务。“导出 CSV…”会写出全部任务。</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation>将历史导出为 CSV</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Show tasks from</source>
        <translation>显示哪段时间的任务</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>显示(&amp;W)：</translation>
    </message>
    <message>
        <source>1 task done · {time} of compute given</source>
        <translation>已完成 1 个任务 · 贡献计算 {time}</translation>
    </message>
    <message>
        <source>{done} tasks done · {time} of compute given</source>
        <translation>已完成 {done} 个任务 · 贡献计算 {time}</translation>
    </message>
    <message>
        <source>No tasks in this time.</source>
        <translation>这段时间没有任务。</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write {path}: {err}</source>
        <translation>无法写入 {path}：{err}</translation>
    </message>
</context>
<context>
    <name>HoldPrompt</name>
    <message>
        <source>A task is in progress. While paused it is put on hold, and a task paused for more than {n} min is given back so someone else can finish it.</source>
        <translation>有任务正在进行。暂停期间它会被挂起；暂停超过 {n} 分钟的任务会被交还，以便他人完成。</translation>
    </message>
    <message>
        <source>A task is in progress</source>
        <translation>有任务正在进行</translation>
    </message>
    <message>
        <source>Finish it first, then pause?</source>
        <translation>先完成它，再暂停？</translation>
    </message>
    <message>
        <source>&amp;Finish the task first</source>
        <translation>先完成任务(&amp;F)</translation>
    </message>
</context>
<context>
    <name>LogsTab</name>
    <message>
        <source>Minimum level</source>
        <translation>最低级别</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>全部消息</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>搜索日志</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the shown lines</source>
        <translation>复制显示的行</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>日志行</translation>
    </message>
</context>
<context>
    <name>MachineTab</name>
    <message>
        <source>CPU usage</source>
        <translation>CPU 使用率</translation>
    </message>
    <message>
        <source>Memory usage</source>
        <translation>内存使用率</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU：</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>内存：</translation>
    </message>
    <message>
        <source>Data transferred this month</source>
        <translation>本月传输的数据</translation>
    </message>
    <message>
        <source>Data this month:</source>
        <translation>本月数据：</translation>
    </message>
    <message>
        <source>CPU over the last 3 minutes</source>
        <translation>最近 3 分钟的 CPU</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found</source>
        <translation>未找到 NVIDIA 显卡</translation>
    </message>
    <message>
        <source>An NVIDIA driver is installed, but no GPU was found</source>
        <translation>已安装 NVIDIA 驱动，但未找到 GPU</translation>
    </message>
    <message>
        <source>GPU status</source>
        <translation>显卡状态</translation>
    </message>
    <message>
        <source>The current job&apos;s share</source>
        <translation>当前作业的占用</translation>
    </message>
    <message>
        <source>GPU memory:</source>
        <translation>显存：</translation>
    </message>
    <message>
        <source>GPU use:</source>
        <translation>GPU 使用率：</translation>
    </message>
    <message>
        <source>No job process is running right now.</source>
        <translation>当前没有作业进程在运行。</translation>
    </message>
    <message>
        <source>{pct:.0f} % of {n} cores</source>
        <translation>{n} 个核心的 {pct:.0f} %</translation>
    </message>
    <message>
        <source>{pct:.0f} %</source>
        <translation>{pct:.0f} %</translation>
    </message>
    <message>
        <source>{used} of {limit} transferred</source>
        <translation>已传输 {used}，上限 {limit}</translation>
    </message>
    <message>
        <source>{used} transferred</source>
        <translation>已传输 {used}</translation>
    </message>
    <message>
        <source>GPU {i}: {name}</source>
        <translation>GPU {i}：{name}</translation>
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
        <translation>未找到系统托盘 — 请保持此窗口打开（关闭它会停止贡献）。</translation>
    </message>
    <message>
        <source>No system tray</source>
        <translation>没有系统托盘</translation>
    </message>
    <message>
        <source>Dashboard sections</source>
        <translation>面板分区</translation>
    </message>
    <message>
        <source>&amp;Now</source>
        <translation>现在(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Machine</source>
        <translation>本机(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <source>H&amp;istory</source>
        <translation>历史(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Save &amp;diagnostics…</source>
        <translation>保存诊断信息(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;About Desktop Agent</source>
        <translation>关于 Desktop Agent(&amp;A)</translation>
    </message>
    <message>
        <source>Desktop Agent {version}

Lends this computer&apos;s spare processor and graphics card to train small pieces of other people&apos;s machine-learning jobs for the Grid-X project. Jobs run at low priority, in a sandbox where the computer allows it, and you can pause at any time.

Your data folder: {folder}</source>
        <translation>Desktop Agent {version}

把这台电脑空闲的处理器和显卡借给 Grid-X 项目，用来训练其他人机器学习作业中的小片段。作业以低优先级运行，在电脑支持时运行于沙盒中，你可以随时暂停。

你的数据文件夹：{folder}</translation>
    </message>
    <message>
        <source>About Desktop Agent</source>
        <translation>关于 Desktop Agent</translation>
    </message>
    <message>
        <source>Save diagnostics</source>
        <translation>保存诊断信息</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip 文件 (*.zip)</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Could not write diagnostics: {err}</source>
        <translation>无法写入诊断信息：{err}</translation>
    </message>
    <message>
        <source>Saved {path}.
Your machine id and email addresses were removed; look inside before sharing it.</source>
        <translation>已保存 {path}。
其中已删除你的设备 ID 和邮箱地址；分享前请先查看内容。</translation>
    </message>
    <message>
        <source>Desktop Agent keeps running in the system tray, near the clock. Click its icon to open this window again; use Quit in its menu to stop.</source>
        <translation>Desktop Agent 会继续在时钟旁的系统托盘中运行。点击它的图标可再次打开此窗口；使用菜单中的“退出”来停止。</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>仍在运行</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Use the system&apos;s proxy settings</source>
        <translation>使用系统的代理设置</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Proxy address</source>
        <translation>代理地址</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>代理(&amp;X)：</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>地址(&amp;E)：</translation>
    </message>
    <message>
        <source>A new proxy is used the next time the app starts.</source>
        <translation>新代理将在下次启动应用时使用。</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> KB/秒</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Fastest download speed for job files</source>
        <translation>作业文件的最大下载速度</translation>
    </message>
    <message>
        <source>Fastest upload speed for results</source>
        <translation>结果的最高上传速度</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>Data allowed per month</source>
        <translation>每月允许的数据量</translation>
    </message>
    <message>
        <source>Data use</source>
        <translation>数据用量</translation>
    </message>
    <message>
        <source>Download spee&amp;d:</source>
        <translation>下载速度(&amp;D)：</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>&amp;Upload speed:</source>
        <translation>上传速度(&amp;U)：</translation>
    </message>
    <message>
        <source>for results</source>
        <translation>（用于结果）</translation>
    </message>
    <message>
        <source>Per mon&amp;th:</source>
        <translation>每月(&amp;T)：</translation>
    </message>
    <message>
        <source>downloaded and uploaded</source>
        <translation>（下载和上传合计）</translation>
    </message>
    <message>
        <source>Past the monthly amount no new task is taken until the 1st of the next month.</source>
        <translation>超过每月用量后，直到下个月 1 日都不会再接新任务。</translation>
    </message>
    <message>
        <source>Enter a proxy address such as http://proxy.example.com:3128</source>
        <translation>请输入代理地址，例如 http://proxy.example.com:3128</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Show a short popup when a task is done</source>
        <translation>任务完成时显示简短提示</translation>
    </message>
    <message>
        <source>Popup when a task is done</source>
        <translation>任务完成提示</translation>
    </message>
    <message>
        <source>Tell me when the server stays unreachable, and when it is back</source>
        <translation>服务器持续无法连接以及恢复时通知我</translation>
    </message>
    <message>
        <source>Popup about server problems</source>
        <translation>服务器问题提示</translation>
    </message>
    <message>
        <source>Popups</source>
        <translation>弹出提示</translation>
    </message>
    <message>
        <source>A task that fails is always told.</source>
        <translation>任务失败时总会通知。</translation>
    </message>
</context>
<context>
    <name>NowTab</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>接下来</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or resume contributing</source>
        <translation>暂停或继续贡献</translation>
    </message>
    <message>
        <source>Set &amp;up again…</source>
        <translation>重新设置(&amp;U)…</translation>
    </message>
    <message>
        <source>Set up again</source>
        <translation>重新设置</translation>
    </message>
    <message>
        <source>Snoo&amp;ze</source>
        <translation>暂停一段时间(&amp;Z)</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>暂停一段时间</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>直到明天</translation>
    </message>
    <message>
        <source>&amp;Finish current task, then pause</source>
        <translation>完成当前任务后暂停(&amp;F)</translation>
    </message>
    <message>
        <source>Finish current task, then pause</source>
        <translation>完成当前任务后暂停</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Current task</source>
        <translation>当前任务</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Task progress</source>
        <translation>任务进度</translation>
    </message>
    <message>
        <source>Job:</source>
        <translation>作业：</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <source>Running for:</source>
        <translation>已运行：</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>剩余时间：</translation>
    </message>
    <message>
        <source>No task right now.</source>
        <translation>当前没有任务。</translation>
    </message>
    <message>
        <source>Last task</source>
        <translation>上一个任务</translation>
    </message>
    <message>
        <source>Last task, for “{title}”: {outcome} after {duration}</source>
        <translation>上一个任务（“{title}”）：{duration} 后{outcome}</translation>
    </message>
    <message>
        <source>Last task: {task} — {outcome} after {duration}</source>
        <translation>上一个任务：{task} — 用时 {duration}，{outcome}</translation>
    </message>
    <message>
        <source>Back online — result delivered. Thank you!</source>
        <translation>已恢复连接 — 结果已送达。谢谢！</translation>
    </message>
    <message>
        <source>Back online — sending your result…</source>
        <translation>已恢复连接 — 正在发送你的结果…</translation>
    </message>
    <message>
        <source>Back online.</source>
        <translation>已恢复连接。</translation>
    </message>
    <message>
        <source>Finishing up, then closing.</source>
        <translation>正在收尾，然后关闭。</translation>
    </message>
    <message>
        <source>{title} (job {id})</source>
        <translation>{title}（作业 {id}）</translation>
    </message>
    <message>
        <source> (resumed)</source>
        <translation>（已继续）</translation>
    </message>
    <message>
        <source>Saved — waiting to send</source>
        <translation>已保存 — 等待发送</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>OutageLine</name>
    <message>
        <source>Server not answering</source>
        <translation>服务器无响应</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>立即重试(&amp;R)</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>已恢复连接</translation>
    </message>
</context>
<context>
    <name>ProgramList</name>
    <message>
        <source>Programs that pause the job</source>
        <translation>会让作业暂停的程序</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>添加(&amp;D)…</translation>
    </message>
    <message>
        <source>Add a program</source>
        <translation>添加程序</translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation>移除(&amp;E)</translation>
    </message>
    <message>
        <source>Remove the chosen program</source>
        <translation>移除所选程序</translation>
    </message>
    <message>
        <source>No programs yet.</source>
        <translation>还没有程序。</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>computer in use (idle {idle} of {limit} min)</source>
        <translation>电脑正在使用（空闲 {idle} / {limit} 分钟）</translation>
    </message>
    <message>
        <source>on battery</source>
        <translation>正在使用电池供电</translation>
    </message>
    <message>
        <source>outside the schedule</source>
        <translation>不在计划时间内</translation>
    </message>
    <message>
        <source>low disk space ({free} free, {needed} needed)</source>
        <translation>磁盘空间不足（剩余 {free}，需要 {needed}）</translation>
    </message>
    <message>
        <source>on a metered connection</source>
        <translation>正在使用按流量计费的网络</translation>
    </message>
    <message>
        <source>GPU too hot ({celsius} °C; resumes below {resume_below} °C)</source>
        <translation>GPU 过热（{celsius} °C；低于 {resume_below} °C 时继续）</translation>
    </message>
    <message>
        <source>CPU too hot ({celsius} °C; resumes below {resume_below} °C)</source>
        <translation>CPU 过热（{celsius} °C；低于 {resume_below} °C 时继续）</translation>
    </message>
    <message>
        <source>the job uses {share} % of memory (limit {limit} %)</source>
        <translation>任务占用了 {share}% 的内存（上限 {limit}%）</translation>
    </message>
    <message>
        <source>jobs cannot be sandboxed here ({why}) and unsandboxed jobs are not allowed — install bubblewrap, or allow unsandboxed jobs</source>
        <translation>此电脑无法隔离运行任务（{why}），且不允许未隔离的任务——请安装 bubblewrap，或允许未隔离的任务</translation>
    </message>
    <message>
        <source>a full-screen app is in front</source>
        <translation>有全屏应用在前台</translation>
    </message>
    <message>
        <source>{program} is running</source>
        <translation>{program} 正在运行</translation>
    </message>
    <message>
        <source>this month&apos;s transfer limit ({limit}) is used up — work resumes on {day}</source>
        <translation>本月的流量上限（{limit}）已用完——将于 {day} 恢复</translation>
    </message>
    <message>
        <source>{why} — &quot;only when idle&quot; cannot apply</source>
        <translation>{why}——“仅在空闲时”无法生效</translation>
    </message>
    <message>
        <source>CPU temperature unknown ({why}) — the CPU temperature limit cannot apply</source>
        <translation>CPU 温度未知（{why}）——CPU 温度上限无法生效</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>明天 {time}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>outside the schedule (until {when})</source>
        <translation>不在计划时间内（直到 {when}）</translation>
    </message>
    <message>
        <source>d MMMM</source>
        <translation>M月d日</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Start at login</source>
        <translation>登录时启动</translation>
    </message>
    <message>
        <source>Pause on battery</source>
        <translation>使用电池时暂停</translation>
    </message>
    <message>
        <source>No downloads on a metered connection</source>
        <translation>按流量计费的网络下不下载</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Run jobs at low priority</source>
        <translation>以低优先级运行作业</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Memory limit for a job</source>
        <translation>作业内存上限</translation>
    </message>
    <message>
        <source>pause it</source>
        <translation>暂停它</translation>
    </message>
    <message>
        <source>stop it</source>
        <translation>停止它</translation>
    </message>
    <message>
        <source>What to do past the memory limit</source>
        <translation>超出内存上限时的处理</translation>
    </message>
    <message>
        <source>Give a paused task back after</source>
        <translation>暂停的任务交还前等待</translation>
    </message>
    <message>
        <source>Use the GPU</source>
        <translation>使用显卡</translation>
    </message>
    <message>
        <source>Start when I log in (in the tray)</source>
        <translation>登录时启动（在托盘中）</translation>
    </message>
    <message>
        <source>Only when I&apos;m not using the computer</source>
        <translation>仅在我不用电脑时</translation>
    </message>
    <message>
        <source>Only when the computer is not in use</source>
        <translation>仅在电脑无人使用时</translation>
    </message>
    <message>
        <source>Minutes without use before work starts</source>
        <translation>无人使用多少分钟后开始工作</translation>
    </message>
    <message>
        <source>When the computer runs on battery</source>
        <translation>电脑使用电池供电时</translation>
    </message>
    <message>
        <source>While a full-screen program (a game, a film) is in front</source>
        <translation>全屏程序（游戏、电影）在前台时</translation>
    </message>
    <message>
        <source>Pause while a full-screen program is in front</source>
        <translation>全屏程序在前台时暂停</translation>
    </message>
    <message>
        <source>No downloads on a metered connection (mobile data)</source>
        <translation>按流量计费的网络（移动数据）下不下载</translation>
    </message>
    <message>
        <source>Processor cores a job may use</source>
        <translation>作业可使用的处理器核心数</translation>
    </message>
    <message>
        <source>Share of the processor time a job may use</source>
        <translation>作业可使用的处理器时间比例</translation>
    </message>
    <message>
        <source>Run jobs at low priority, so my own programs come first</source>
        <translation>以低优先级运行作业，让我自己的程序优先</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Pause above this processor temperature</source>
        <translation>处理器温度高于此值时暂停</translation>
    </message>
    <message>
        <source>Use the graphics card (GPU)</source>
        <translation>使用显卡（GPU）</translation>
    </message>
    <message>
        <source>Pause above this GPU temperature</source>
        <translation>显卡温度高于此值时暂停</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>在</translation>
    </message>
    <message>
        <source>without mouse or keyboard</source>
        <translation>无鼠标或键盘操作后开始</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>Pause the job</source>
        <translation>暂停作业</translation>
    </message>
    <message>
        <source>While any of these programs is o&amp;pen:</source>
        <translation>以下任一程序打开时(&amp;P)：</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>&amp;Processor cores:</source>
        <translation>处理器核心(&amp;P)：</translation>
    </message>
    <message>
        <source>Processor &amp;time:</source>
        <translation>处理器时间(&amp;T)：</translation>
    </message>
    <message>
        <source>Use at most</source>
        <translation>最多使用</translation>
    </message>
    <message>
        <source>of the processor time</source>
        <translation>的处理器时间</translation>
    </message>
    <message>
        <source>Memor&amp;y:</source>
        <translation>内存(&amp;Y)：</translation>
    </message>
    <message>
        <source>If a job uses more than</source>
        <translation>作业使用超过</translation>
    </message>
    <message>
        <source>of the memory,</source>
        <translation>的内存时，</translation>
    </message>
    <message>
        <source>Processor temperature:</source>
        <translation>处理器温度：</translation>
    </message>
    <message>
        <source>&amp;GPU temperature:</source>
        <translation>显卡温度(&amp;G)：</translation>
    </message>
    <message>
        <source>Paused tas&amp;k:</source>
        <translation>暂停的任务(&amp;K)：</translation>
    </message>
    <message>
        <source>Give it back after</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>so someone else can finish it</source>
        <translation>后交还，让别人完成</translation>
    </message>
    <message>
        <source>Limits on the processor and memory apply from the next task.</source>
        <translation>处理器和内存限制从下一个任务开始生效。</translation>
    </message>
    <message>
        <source>Saved. Rules apply now; processor and GPU limits from the next task.</source>
        <translation>已保存。规则立即生效；处理器和显卡限制从下一个任务开始生效。</translation>
    </message>
    <message>
        <source>Pause above</source>
        <translation>暂停温度</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save contribution rules</source>
        <translation>保存贡献规则</translation>
    </message>
    <message>
        <source>Could not save: {err}</source>
        <translation>无法保存：{err}</translation>
    </message>
    <message>
        <source>Could not change start at login: {err}</source>
        <translation>无法更改登录时启动：{err}</translation>
    </message>
    <message>
        <source>Starts at login: {where}</source>
        <translation>登录时启动：{where}</translation>
    </message>
    <message>
        <source>Won&apos;t start at login.</source>
        <translation>登录时不会启动。</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>Contribute at any time of the week</source>
        <translation>一周中任何时间都贡献</translation>
    </message>
    <message>
        <source>Only during these hours (this computer&apos;s clock):</source>
        <translation>仅在以下时间（按本机时钟）：</translation>
    </message>
    <message>
        <source>Contribute only during chosen hours</source>
        <translation>仅在所选时间贡献</translation>
    </message>
    <message>
        <source>not this day</source>
        <translation>这天不贡献</translation>
    </message>
    <message>
        <source>Add hours</source>
        <translation>添加时间段</translation>
    </message>
    <message>
        <source>Add hours on {day}</source>
        <translation>在{day}添加时间段</translation>
    </message>
    <message>
        <source>Add hours to at least one day, or choose &quot;Any time&quot;.</source>
        <translation>请至少为一天添加时间段，或选择“任何时间”。</translation>
    </message>
    <message>
        <source>{day}: the hours start and end at the same time ({at}) — change one of them, or remove them.</source>
        <translation>{day}：时间段的开始和结束时间相同（{at}）——请修改其中一个，或将其移除。</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Account and language</source>
        <translation>账户和语言</translation>
    </message>
    <message>
        <source>When to contribute</source>
        <translation>何时贡献</translation>
    </message>
    <message>
        <source>How much to use</source>
        <translation>使用多少资源</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>Settings status</source>
        <translation>设置状态</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Revert to the saved settings</source>
        <translation>还原为已保存的设置</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Apply and save the settings</source>
        <translation>应用并保存设置</translation>
    </message>
    <message>
        <source>Changes not saved yet — press Apply to use them.</source>
        <translation>更改尚未保存——按“应用”使其生效。</translation>
    </message>
    <message>
        <source>These settings could not be saved: {err}</source>
        <translation>无法保存这些设置：{err}</translation>
    </message>
    <message>
        <source>Could not save the settings ({err}). Check that there is free disk space and that the data folder can be written to.</source>
        <translation>无法保存设置（{err}）。请检查磁盘是否有剩余空间，以及数据文件夹是否可写。</translation>
    </message>
    <message>
        <source>Saved. Rules apply now; processor and GPU limits from the next task; the proxy and the language the next time the app starts.</source>
        <translation>已保存。规则立即生效；处理器和显卡限制从下一个任务开始生效；代理和语言在下次启动应用时生效。</translation>
    </message>
    <message>
        <source>Back to the saved settings.</source>
        <translation>已还原为保存的设置。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>This email has no account yet — create one on the website, &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;, then press Connect again. Already registered with capital letters before the @? Ask the project to change your account&apos;s email to lower case.</source>
        <translation>这个邮箱还没有账户 — 请先在网站 &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt; 上注册，然后再次点击“连接”。注册时 @ 前用了大写字母？请让项目把你账户的邮箱改为小写。</translation>
    </message>
    <message>
        <source>This email has no account yet — register on the website first. Already registered? If the address you signed up with has capital letters before the @, the server can never match it: ask the project to change your account&apos;s email to lower case, or sign up again with the address all in lower case.</source>
        <translation>这个邮箱还没有账户——请先在网站上注册。已经注册过？如果你注册时用的地址在 @ 前有大写字母，服务器永远无法匹配它：请让项目把你账户的邮箱改成小写，或者用全小写的地址重新注册。</translation>
    </message>
    <message>
        <source>The server at {server} answered, but it does not look like a Grid-X server — check the address.</source>
        <translation>{server} 上的服务器有应答，但看起来不是 Grid-X 服务器 — 请检查地址。</translation>
    </message>
    <message>
        <source>Can&apos;t reach the server at {server} — check the address or your connection.</source>
        <translation>无法连接到 {server} 上的服务器 — 请检查地址或网络连接。</translation>
    </message>
    <message>
        <source>Something went wrong while connecting: {error}</source>
        <translation>连接时出错：{error}</translation>
    </message>
    <message>
        <source>Set up Desktop Agent</source>
        <translation>设置 Desktop Agent</translation>
    </message>
    <message>
        <source>&lt;b&gt;Share this computer&apos;s spare power&lt;/b&gt;</source>
        <translation>&lt;b&gt;分享这台电脑的空闲算力&lt;/b&gt;</translation>
    </message>
    <message>
        <source>By connecting, you trust this server to send this computer code written by other people. Where the computer allows it, that code runs in a sandbox with no network and no access to your files.</source>
        <translation>连接即表示你信任此服务器向这台电脑发送他人编写的代码。在电脑支持时，这些代码会在沙盒中运行，无法联网，也无法访问你的文件。</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>you@example.com</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <source>The email of your account on the project&apos;s website.</source>
        <translation>你在项目网站上的账户邮箱。</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Show advanced settings</source>
        <translation>显示高级设置</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>连接问题</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Back to the email</source>
        <translation>返回邮箱</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next: when to help</source>
        <translation>下一步：何时帮忙</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Connects to {server}, the project&apos;s default server.</source>
        <translation>将连接到 {server}，即项目的默认服务器。</translation>
    </message>
    <message>
        <source>Connects to {server} — not the project&apos;s default server; make sure it is the one you were given.</source>
        <translation>将连接到 {server} — 这不是项目的默认服务器；请确认它是别人给你的那个。</translation>
    </message>
    <message>
        <source>Step {n} of 2</source>
        <translation>第 {n} 步，共 2 步</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>That doesn&apos;t look like an email address — check for typos.</source>
        <translation>这看起来不像邮箱地址 — 请检查是否有拼写错误。</translation>
    </message>
    <message>
        <source>This computer trains small pieces of machine-learning jobs for researchers, at low priority so your own programs come first. You can pause at any time.</source>
        <translation>这台电脑以低优先级为研究人员训练机器学习作业的小片段，你自己的程序始终优先。你可以随时暂停。</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://</source>
        <translation>服务器地址必须以 http:// 或 https:// 开头</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>{eta} left</source>
        <translation>剩余{eta}</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>Preparing environment</source>
        <translation>正在准备环境</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>Sending the result</source>
        <translation>正在发送结果</translation>
    </message>
    <message>
        <source>Reporting to the server</source>
        <translation>正在向服务器报告</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>not accepted by the server</source>
        <translation>未被服务器接受</translation>
    </message>
    <message>
        <source>the job&apos;s code failed</source>
        <translation>作业代码出错</translation>
    </message>
    <message>
        <source>given back for someone else</source>
        <translation>已交还给其他人</translation>
    </message>
    <message>
        <source>stopped and not sent</source>
        <translation>已停止，未发送</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message>
        <source>about {n} min</source>
        <translation>约 {n} 分钟</translation>
    </message>
    <message>
        <source>about {h} h {m:02d} min</source>
        <translation>约 {h} 小时 {m:02d} 分钟</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering — your result is saved and will be sent automatically.</source>
        <translation>{server} 服务器无响应 — 你的结果已保存，会自动发送。</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering — nothing is lost; it is tried again automatically.</source>
        <translation>{server} 服务器无响应 — 不会丢失任何内容；将自动重试。</translation>
    </message>
    <message>
        <source>Next try in {n} s.</source>
        <translation>{n} 秒后重试。</translation>
    </message>
    <message>
        <source>Trying again now…</source>
        <translation>正在重试…</translation>
    </message>
    <message>
        <source>The task is on hold. A task paused for more than {n} min is given back so someone else can finish it.</source>
        <translation>任务已挂起。暂停超过 {n} 分钟的任务会被交还，以便他人完成。</translation>
    </message>
    <message>
        <source>Paused while {program} is running</source>
        <translation>{program} 运行期间已暂停</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>正在等待服务器</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>The task in hand is kept and continues next time.</source>
        <translation>当前任务会保留，下次继续。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Needs setup</source>
        <translation>需要设置</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Can&apos;t reach the {server} server yet</source>
        <translation>暂时无法连接 {server} 服务器</translation>
    </message>
    <message>
        <source>It is tried again automatically.</source>
        <translation>将自动重试。</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <source>Giving a task back to the server…</source>
        <translation>正在把任务交还服务器…</translation>
    </message>
    <message>
        <source>Resting a few minutes so the server can hand it to someone else.</source>
        <translation>休息几分钟，好让服务器把它交给其他人。</translation>
    </message>
    <message>
        <source>Paused by you</source>
        <translation>已由你暂停</translation>
    </message>
    <message>
        <source>Nothing runs until you resume.</source>
        <translation>在你继续之前不会运行任何内容。</translation>
    </message>
    <message>
        <source>paused by you</source>
        <translation>已由你暂停</translation>
    </message>
    <message>
        <source>Snoozed until {when}</source>
        <translation>暂停至 {when}</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>暂停中</translation>
    </message>
    <message>
        <source>Contributing starts again by itself.</source>
        <translation>贡献会自动恢复。</translation>
    </message>
    <message>
        <source>Finishing this task, then pausing</source>
        <translation>完成此任务后暂停</translation>
    </message>
    <message>
        <source>On hold for now: {why}</source>
        <translation>暂时挂起：{why}</translation>
    </message>
    <message>
        <source>No new task is taken.</source>
        <translation>不会接收新任务。</translation>
    </message>
    <message>
        <source>keep contributing after this task</source>
        <translation>完成此任务后继续贡献</translation>
    </message>
    <message>
        <source>Waiting: {why}</source>
        <translation>等待中：{why}</translation>
    </message>
    <message>
        <source>Task on hold</source>
        <translation>任务已挂起</translation>
    </message>
    <message>
        <source>The task continues by itself when that changes.</source>
        <translation>情况变化后任务会自动继续。</translation>
    </message>
    <message>
        <source>Your result is ready — waiting for the server</source>
        <translation>你的结果已就绪 — 正在等待服务器</translation>
    </message>
    <message>
        <source>Working on “{title}”</source>
        <translation>正在处理“{title}”</translation>
    </message>
    <message>
        <source>Working on a task</source>
        <translation>正在处理任务</translation>
    </message>
    <message>
        <source>The {server} server isn&apos;t answering</source>
        <translation>{server} 服务器无响应</translation>
    </message>
    <message>
        <source>Paused: {why}</source>
        <translation>已暂停：{why}</translation>
    </message>
    <message>
        <source>A result already in hand is still sent; the limit can be changed in Settings.</source>
        <translation>已得到的结果仍会发送；可以在“设置”中更改限额。</translation>
    </message>
    <message>
        <source>Work starts by itself when that changes.</source>
        <translation>情况变化后会自动开始工作。</translation>
    </message>
    <message>
        <source>Ready — waiting for work</source>
        <translation>就绪 — 正在等待任务</translation>
    </message>
    <message>
        <source>New work is picked up automatically.</source>
        <translation>新任务会自动领取。</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
</context>
<context>
    <name>TaskDetailsDialog</name>
    <message>
        <source>{n:,} bytes</source>
        <translation>{n:,} 字节</translation>
    </message>
    <message>
        <source>{cpu:.1f} s of CPU</source>
        <translation>CPU 时间 {cpu:.1f} 秒</translation>
    </message>
    <message>
        <source>CPU time not measured</source>
        <translation>CPU 时间未测量</translation>
    </message>
    <message>
        <source>peak memory {mb:.0f} MB</source>
        <translation>内存峰值 {mb:.0f} MB</translation>
    </message>
    <message>
        <source>peak GPU memory {mb:.0f} MB</source>
        <translation>显存峰值 {mb:.0f} MB</translation>
    </message>
    <message>
        <source>energy {wh:.2f} Wh ({how})</source>
        <translation>能耗 {wh:.2f} Wh（{how}）</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>energy not measured</source>
        <translation>能耗未测量</translation>
    </message>
    <message>
        <source>not recorded (the task did not get as far as running train.py)</source>
        <translation>未记录（任务没有运行到 train.py）</translation>
    </message>
    <message>
        <source>bwrap — contained: no network, no access to your files, only its own folder writable</source>
        <translation>bwrap — 已隔离：无网络，无法访问你的文件，只能写入自己的文件夹</translation>
    </message>
    <message>
        <source>no sandbox available</source>
        <translation>没有可用的沙盒</translation>
    </message>
    <message>
        <source>bubblewrap is not installed</source>
        <translation>未安装 bubblewrap</translation>
    </message>
    <message>
        <source>no sandbox on this system yet</source>
        <translation>此系统上尚无沙箱</translation>
    </message>
    <message>
        <source>bubblewrap does not work here: {why}</source>
        <translation>bubblewrap 在此无法工作：{why}</translation>
    </message>
    <message>
        <source>none — ran without a sandbox ({why}); it could read what your account can read</source>
        <translation>无 — 在没有沙盒的情况下运行（{why}）；它可以读取你的账户能读取的内容</translation>
    </message>
    <message>
        <source>Task {task} — what ran</source>
        <translation>任务 {task} — 运行内容</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>{task} (job {job})</source>
        <translation>{task}（作业 {job}）</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>{outcome} after {s:.1f} s</source>
        <translation>{outcome}，用时 {s:.1f} 秒</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>Limits enforced by</source>
        <translation>限制执行方式</translation>
    </message>
    <message>
        <source>train.py SHA-256</source>
        <translation>train.py SHA-256</translation>
    </message>
    <message>
        <source>train.py size</source>
        <translation>train.py 大小</translation>
    </message>
    <message>
        <source>Data size</source>
        <translation>数据大小</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>退出代码</translation>
    </message>
    <message>
        <source>What it cost</source>
        <translation>资源消耗</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>依赖</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>打开日志</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>打开成果</translation>
    </message>
</context>
<context>
    <name>TimeWords</name>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation>{m} 分 {s:02d} 秒</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>Today {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>昨天 {time}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>暂停一段时间</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>Until tomorrow morning (07:00)</source>
        <translation>直到明早（07:00）</translation>
    </message>
    <message>
        <source>Finish current task, then pause</source>
        <translation>完成当前任务后暂停</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation>打开面板</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Back online — your result was delivered. Thank you!</source>
        <translation>已恢复连接——你的结果已送达。谢谢！</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>任务完成</translation>
    </message>
    <message>
        <source>Task {id} finished. Thank you!</source>
        <translation>任务 {id} 已完成。谢谢！</translation>
    </message>
    <message>
        <source>Task failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>Task {id} failed; the job&apos;s owner is told.</source>
        <translation>任务 {id} 失败；已通知作业的所有者。</translation>
    </message>
    <message>
        <source>Setup needed</source>
        <translation>需要设置</translation>
    </message>
    <message>
        <source>The {server} server is answering again.</source>
        <translation>服务器 {server} 已恢复响应。</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>已恢复连接</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>The server isn&apos;t answering</source>
        <translation>服务器无响应</translation>
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
        <translation>重新启动以更新</translation>
    </message>
    <message>
        <source>Available once the current task is finished</source>
        <translation>当前任务完成后可用</translation>
    </message>
</context>
<context>
    <name>_GpuBox</name>
    <message>
        <source>Utilisation:</source>
        <translation>使用率：</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>内存：</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <source>Power:</source>
        <translation>功耗：</translation>
    </message>
</context>
<context>
    <name>_Range</name>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>until</source>
        <translation>到</translation>
    </message>
    <message>
        <source>{day} {what}</source>
        <translation>{day}{what}</translation>
    </message>
    <message>
        <source>midnight</source>
        <translation>午夜</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove these hours on {day}</source>
        <translation>移除{day}的这个时间段</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
</TS>
