<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>The same finding was changed on two devices. Both versions are kept until you pick one; your pick is sent at the next sync and settles it for everyone.</source>
        <translation>同一条检查结果在两台设备上被修改。两个版本都会保留，直到您选择其一；您的选择会在下次同步时上传，并对所有人生效。</translation>
    </message>
    <message>
        <source>Version 1</source>
        <translation>版本 1</translation>
    </message>
    <message>
        <source>Version 2</source>
        <translation>版本 2</translation>
    </message>
    <message>
        <source>Keep version {n} (Alt+{n})</source>
        <translation>保留版本 {n} (Alt+{n})</translation>
    </message>
    <message>
        <source>No conflicts are open.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <source>Your pick is recorded; it goes to the server at the next sync.</source>
        <translation>已记录您的选择，将在下次同步时上传到服务器。</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Compliant (Alt+1)</source>
        <translation>符合 (Alt+1)</translation>
    </message>
    <message>
        <source>Non-compliant (Alt+2)</source>
        <translation>不符合 (Alt+2)</translation>
    </message>
    <message>
        <source>Not applicable (Alt+3)</source>
        <translation>不适用 (Alt+3)</translation>
    </message>
    <message>
        <source>Not checked (Alt+4)</source>
        <translation>未检查 (Alt+4)</translation>
    </message>
    <message>
        <source>What was found, where, and which photo shows it</source>
        <translation>发现的问题、位置，以及对应的照片</translation>
    </message>
    <message>
        <source>Corrected on the spot</source>
        <translation>当场改正</translation>
    </message>
    <message>
        <source>Correct by</source>
        <translation>限期改正至</translation>
    </message>
    <message>
        <source>Add &amp;photo…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save result</source>
        <translation>保存结果(&amp;S)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>Select a check item to record its result.</source>
        <translation>请选择一个检查事项，记录其结果。</translation>
    </message>
    <message>
        <source>Photos: {n}</source>
        <translation>照片：{n} 张</translation>
    </message>
    <message>
        <source>Choose a result (1–4) first.</source>
        <translation>请先选择检查结果（1–4）。</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Audit trail damaged</source>
        <translation>执法全过程记录受损</translation>
    </message>
    <message>
        <source>This laptop&apos;s audit trail (执法全过程记录) was changed outside Field Inspector: {what}

Nothing was deleted. The damage is recorded in the trail and goes to the server with the next sync. Tell the officer in charge of records before going on.</source>
        <translation>本机的执法全过程记录在现场检查软件之外被改动：{what}

没有删除任何内容。受损情况已记入记录，并将在下次同步时随其他数据一并上传服务器。请先告知档案管理负责人，再继续工作。</translation>
    </message>
    <message>
        <source>Field Inspector</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <source>Search business, USCC or department (Ctrl+F)</source>
        <translation>搜索经营主体、统一社会信用代码或部门（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Inspection</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <source>Check &amp;in</source>
        <translation>签到开始检查(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Complete inspection</source>
        <translation>完成检查(&amp;C)</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find task</source>
        <translation>查找任务(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Field Inspector</source>
        <translation>关于现场检查(&amp;A)</translation>
    </message>
    <message>
        <source>{n} tasks · profile {folder}</source>
        <translation>共 {n} 项任务 · 数据目录 {folder}</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was changed: {error}</source>
        <translation>出现错误，未作任何更改：{error}</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>已签到，检查开始</translation>
    </message>
    <message>
        <source>Inspection completed</source>
        <translation>检查已完成</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>更改原因</translation>
    </message>
    <message>
        <source>This inspection is already completed. Why is this finding changed?</source>
        <translation>本次检查已完成。为什么要更改这项检查结果？</translation>
    </message>
    <message>
        <source>Result saved</source>
        <translation>结果已保存</translation>
    </message>
    <message>
        <source>Photo attached</source>
        <translation>照片已添加</translation>
    </message>
    <message>
        <source>About Field Inspector</source>
        <translation>关于现场检查</translation>
    </message>
    <message>
        <source>Field Inspector {version}
Joint market-supervision inspections, offline first.</source>
        <translation>现场检查 {version}
部门联合“双随机、一公开”现场检查，离线优先。</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
</context>
<context>
    <name>ProfileChooser</name>
    <message>
        <source>Choose a profile</source>
        <translation>选择配置</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>open now</source>
        <translation>当前打开</translation>
    </message>
    <message>
        <source>no server</source>
        <translation>无服务器</translation>
    </message>
    <message>
        <source>last sync {when}</source>
        <translation>上次同步 {when}</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Sign in as &amp;someone else…</source>
        <translation>以其他用户登录(&amp;S)…</translation>
    </message>
    <message>
        <source>Profiles on this laptop:</source>
        <translation>本机上的配置：</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <source>Changes the server refused</source>
        <translation>被服务器拒绝的更改</translation>
    </message>
    <message>
        <source>The server did not accept these changes. They are kept on this laptop and are not sent again. Ask your team lead when a change you need was refused.</source>
        <translation>服务器没有接受这些更改。它们保留在本机，不会再次上传。如果被拒绝的更改是必需的，请联系您的组长。</translation>
    </message>
    <message>
        <source>The server has refused nothing.</source>
        <translation>服务器没有拒绝任何更改。</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Check-in or check-out</source>
        <translation>签到或签退</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Document numbers</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Field Inspector</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <source>This profile has not been signed in on this laptop yet.</source>
        <translation>此配置尚未在本机登录过。</translation>
    </message>
    <message>
        <source>Demo: the password is {password}.</source>
        <translation>演示模式：密码是 {password}。</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;witch profile…</source>
        <translation>切换配置(&amp;W)…</translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation>退出登录(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Sign {name} out on this laptop? Work not yet sent stays here and is sent after the next sign-in.</source>
        <translation>要让 {name} 在本机退出登录吗？尚未上传的工作会保留在本机，下次登录后上传。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>(after a restart)</source>
        <translation>（重新启动后生效）</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <extracomment>``attempt(server, username, password)`` signs in (off the GUI thread) and returns what the caller wants back, e.g. the profile it opened; it raises ServiceError.</extracomment>
        <translation>登录</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Enter the server address and your user name.</source>
        <translation>请输入服务器地址和用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Signing in failed ({error}). Try again, or tell IT.</source>
        <translation>登录失败（{error}）。请重试，或联系信息技术人员。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>&amp;Sync now</source>
        <extracomment>A sync&apos;s progress, emitted from the sync&apos;s thread; Qt queues it to the GUI thread.</extracomment>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Refused changes…</source>
        <translation>被拒绝的更改(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>取消同步</translation>
    </message>
    <message>
        <source>Server not reachable; your work is kept and will be sent later.</source>
        <translation>无法连接服务器；已保存的工作会在联网后上传。</translation>
    </message>
    <message>
        <source>Synced: sent {sent}, received {received}</source>
        <translation>同步完成：上传 {sent} 项，接收 {received} 项</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync failed and nothing was lost: {error}</source>
        <translation>同步失败，但没有丢失任何数据：{error}</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>○ Not signed in</source>
        <translation>○ 未登录</translation>
    </message>
    <message>
        <source>○ Server not checked yet</source>
        <translation>○ 尚未检测服务器</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <source>To send: {n} ({size})</source>
        <translation>待上传：{n} 项（{size}）</translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>无待上传</translation>
    </message>
    <message>
        <source>Refused: {n}</source>
        <translation>被拒绝：{n}</translation>
    </message>
    <message>
        <source>Conflicts: {n}</source>
        <translation>冲突：{n}</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Last sync {when}</source>
        <translation>上次同步 {when}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
</context>
<context>
    <name>TaskDetail</name>
    <message>
        <source>Check item</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>检查依据</translation>
    </message>
    <message>
        <source>Select a task to see its checklist.</source>
        <translation>选择一项任务以查看其检查事项清单。</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人（负责人）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>参与部门</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查事项清单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>{before} departmental items merged into {after}</source>
        <translation>各部门 {before} 项合并为 {after} 项</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>重点</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>assigned, not checked in</source>
        <translation>已分派，未签到</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>Assigned</source>
        <translation>已分派</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>检查期限</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>参与部门</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Field Inspector</source>
        <translation>现场检查</translation>
    </message>
</context>
<context>
    <name>UnlockPanel</name>
    <message>
        <source>Locked</source>
        <extracomment>``check(password)`` raises ServiceError when the password does not open the profile.</extracomment>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Open profile</source>
        <translation>打开配置</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>S&amp;witch profile…</source>
        <translation>切换配置(&amp;W)…</translation>
    </message>
    <message>
        <source>Enter your password to continue.</source>
        <translation>请输入密码以继续。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Unlocking failed ({error}).</source>
        <translation>解锁失败（{error}）。</translation>
    </message>
</context>
<context>
    <name>VersionPanel</name>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>测量值</translation>
    </message>
    <message>
        <source>Corrected on the spot</source>
        <translation>当场改正</translation>
    </message>
    <message>
        <source>Correct by</source>
        <translation>限期改正至</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>you, on this laptop</source>
        <translation>您（本机）</translation>
    </message>
    <message>
        <source>you, on another device</source>
        <translation>您（另一台设备）</translation>
    </message>
    <message>
        <source>a teammate</source>
        <translation>同组检查人员</translation>
    </message>
    <message>
        <source>(not known yet: sync, then pick)</source>
        <translation>（尚不清楚：请先同步再选择）</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>_FolderEditor</name>
    <message>
        <source>The system&apos;s folder for application data</source>
        <translation>系统的应用数据文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
</context>
</TS>
