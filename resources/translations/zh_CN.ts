<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BusinessCard</name>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="56"/>
        <source>Select a task to see its business and checklist.</source>
        <translation>选择一个任务，查看经营主体和检查事项。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="66"/>
        <source>no reason given</source>
        <translation>未注明原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="69"/>
        <source>Recusal: you are marked related to this business ({reason}). 行政处罚法第四十三条: an officer with an interest shall step aside.</source>
        <translation>回避提示：您被标记为与该经营主体有关联（{reason}）。行政处罚法第四十三条：执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="82"/>
        <source>Class {c}</source>
        <translation>{c}类</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="87"/>
        <source>Positive list (无事不扰)</source>
        <translation>正面清单（无事不扰）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="93"/>
        <source>{lead} (lead)</source>
        <translation>{lead}（牵头）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="94"/>
        <source>{n} inspectors</source>
        <translation>{n} 名执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="96"/>
        <source>, you among them</source>
        <translation>，含您本人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="98"/>
        <source>{before} departmental items merged into {after}</source>
        <translation>各部门 {before} 项合并为 {after} 项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="104"/>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="104"/>
        <source>Legal representative</source>
        <translation>法定代表人（负责人）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="105"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="105"/>
        <source>Licence</source>
        <translation>主体资格证照</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="106"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="107"/>
        <source>Departments</source>
        <translation>参与部门</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="108"/>
        <source>Team</source>
        <translation>检查组</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="108"/>
        <source>Window</source>
        <translation>检查期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="109"/>
        <source>Checklist</source>
        <translation>检查事项清单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="109"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="115"/>
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="116"/>
        <source>Present</source>
        <translation>在场人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="124"/>
        <source>Observers</source>
        <translation>社会监督人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="143"/>
        <source>People&apos;s Congress deputy</source>
        <translation>人大代表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="144"/>
        <source>CPPCC member</source>
        <translation>政协委员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="145"/>
        <source>social supervisor</source>
        <translation>社会监督员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="146"/>
        <source>media</source>
        <translation>媒体记者</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="147"/>
        <source>observer</source>
        <translation>监督人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="153"/>
        <source>The last two years</source>
        <translation>近两年记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="156"/>
        <source>No earlier visit or violation on record.</source>
        <translation>无检查或违法记录。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="158"/>
        <source>penalised</source>
        <translation>已处罚</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="158"/>
        <source>not penalised</source>
        <translation>未处罚</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="159"/>
        <source>Violation {day}: {matter} {what} ({penalised})</source>
        <translation>违法 {day}：{matter} {what}（{penalised}）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/card.py" line="167"/>
        <source>Visit {start} – {end}: {departments} ({status})</source>
        <translation>检查 {start} – {end}：{departments}（{status}）</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="42"/>
        <source>Check in at {business}</source>
        <translation>签到：{business}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="44"/>
        <source>People&apos;s Congress deputy (人大代表)</source>
        <translation>人大代表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="45"/>
        <source>CPPCC member (政协委员)</source>
        <translation>政协委员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="46"/>
        <source>Social supervisor (社会监督员)</source>
        <translation>社会监督员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="47"/>
        <source>Media</source>
        <translation>媒体记者</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="48"/>
        <source>Other observer</source>
        <translation>其他监督人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="56"/>
        <source>no reason given</source>
        <translation>未注明原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="59"/>
        <source>You are marked related to this business ({reason}). The law asks you to step aside (行政处罚法第四十三条); tell your team lead before you check in.</source>
        <translation>您被标记为与该经营主体有关联（{reason}）。依照行政处罚法第四十三条应当回避；签到前请告知检查组组长。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="66"/>
        <source>&amp;People present (one per line: name and role)</source>
        <translation>在场人员（每行一人：姓名和身份）(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="73"/>
        <source>Public &amp;observers</source>
        <translation>社会监督人员(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="77"/>
        <source>Kind</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="77"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="77"/>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="84"/>
        <source>&amp;Add observer</source>
        <translation>添加监督人员(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="86"/>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="94"/>
        <source>Check &amp;in</source>
        <translation>签到开始检查(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/check_in.py" line="149"/>
        <source>Every observer needs a name.</source>
        <translation>每位监督人员都需要填写姓名。</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="37"/>
        <source>Check item</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="38"/>
        <source>Departments</source>
        <translation>参与部门</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="39"/>
        <source>Severity</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="40"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="41"/>
        <source>Legal basis</source>
        <translation>检查依据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="68"/>
        <source>Key</source>
        <translation>重点</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="68"/>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="69"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="173"/>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="174"/>
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="175"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/checklist.py" line="176"/>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
</context>
<context>
    <name>DeadlineEdit</name>
    <message>
        <location filename="../../inspector_app/ui/widgets/workdays.py" line="113"/>
        <source>in the past</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/workdays.py" line="115"/>
        <source>1 working day</source>
        <translation>1 个工作日</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/workdays.py" line="117"/>
        <source>{n} working days</source>
        <translation>{n} 个工作日</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/workdays.py" line="119"/>
        <source>(holiday schedule for {year} not installed)</source>
        <translation>（未安装 {year} 年节假日安排）</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="76"/>
        <source>Restore (Ctrl+Shift+R)</source>
        <translation>恢复（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="77"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="89"/>
        <source>Compliant (Alt+1)</source>
        <translation>符合 (Alt+1)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="90"/>
        <source>Non-compliant (Alt+2)</source>
        <translation>不符合 (Alt+2)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="91"/>
        <source>Not applicable (Alt+3)</source>
        <translation>不适用 (Alt+3)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="92"/>
        <source>Not checked (Alt+4)</source>
        <translation>未检查 (Alt+4)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="108"/>
        <source>What was found, where, and which photo shows it</source>
        <translation>发现的问题、位置，以及对应的照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="125"/>
        <source>&amp;Corrected on the spot</source>
        <translation>当场改正(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="128"/>
        <source>Correct &amp;by</source>
        <translation>限期改正至(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="143"/>
        <source>&amp;Save result (Ctrl+Enter)</source>
        <translation>保存结果（Ctrl+Enter）(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="220"/>
        <source>Ctrl+L: the provision&apos;s full text</source>
        <translation>Ctrl+L：查看条文全文</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="311"/>
        <source>Choose a result (Alt+1–4) first.</source>
        <translation>请先选择检查结果（Alt+1–4）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="322"/>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="370"/>
        <source>An unsaved entry for this item from {time} was kept.</source>
        <translation>已保留本项 {time} 未保存的录入内容。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="118"/>
        <source>Add &amp;photo…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="151"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="152"/>
        <source>Note</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="153"/>
        <source>Measured</source>
        <translation>测量值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="154"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="215"/>
        <source>Select a check item to record its result.</source>
        <translation>请选择一个检查事项，记录其结果。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/editor.py" line="322"/>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../inspector_app/ui/login_dialog.py" line="13"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login_dialog.py" line="27"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login_dialog.py" line="28"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login_dialog.py" line="29"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login_dialog.py" line="36"/>
        <source>Enter the server address and your user name.</source>
        <translation>请输入服务器地址和用户名。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login_dialog.py" line="39"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="55"/>
        <location filename="../../inspector_app/ui/main_window.py" line="196"/>
        <location filename="../../inspector_app/ui/main_window.py" line="242"/>
        <source>Field Inspector</source>
        <extracomment>How long after the window comes up the task page&apos;s services start loading.</extracomment>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="111"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="113"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="83"/>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="112"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="117"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="118"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="119"/>
        <source>&amp;About Field Inspector</source>
        <translation>关于现场检查(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="198"/>
        <source>The profile&apos;s database is damaged ({problem}). Close Field Inspector, copy the profile folder aside and restore it from a backup or a .bak copy beside the database; work not yet synced is in the damaged file.</source>
        <translation>配置文件的数据库已损坏（{problem}）。请关闭现场检查，将配置文件夹复制到别处，再用备份或数据库旁的 .bak 副本恢复；尚未同步的工作保存在已损坏的文件中。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="222"/>
        <source>{shown} of {n} tasks shown · profile {folder}</source>
        <translation>显示 {shown}/{n} 个任务 · 配置文件 {folder}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="250"/>
        <source>Something went wrong and nothing was changed: {error}</source>
        <translation>出现错误，未作任何更改：{error}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="271"/>
        <source>Syncing: {phase} {done}{total}</source>
        <translation>正在同步：{phase} {done}{total}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="281"/>
        <source>Synced: sent {sent}, received {received}</source>
        <translation>同步完成：上传 {sent} 项，下载 {received} 项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="289"/>
        <source>Server not reachable; your work is kept and will be sent later.</source>
        <translation>无法连接服务器；已保存的工作会在联网后上传。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="293"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="321"/>
        <source>About Field Inspector</source>
        <translation>关于现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="323"/>
        <source>Field Inspector {version}
Joint market-supervision inspections, offline first.</source>
        <translation>现场检查 {version}
部门联合“双随机、一公开”现场检查，离线优先。</translation>
    </message>
</context>
<context>
    <name>MeasurementEditor</name>
    <message>
        <location filename="../../inspector_app/ui/widgets/measurements.py" line="39"/>
        <source>Measured</source>
        <translation>测量项目</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/measurements.py" line="39"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/measurements.py" line="47"/>
        <source>Add a measurement</source>
        <translation>添加测量值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/measurements.py" line="84"/>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/measurements.py" line="91"/>
        <source>Compliant range: {low} – {high}</source>
        <translation>合格范围：{low} – {high}</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../inspector_app/ui/widgets/photos.py" line="119"/>
        <source>Drop photos here, or press Ctrl+Shift+P to choose them</source>
        <translation>将照片拖放到这里，或按 Ctrl+Shift+P 选择</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/photos.py" line="131"/>
        <source>Photo {n}</source>
        <translation>照片 {n}</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../inspector_app/ui/widgets/photos.py" line="228"/>
        <source>Photo {n} of {total}</source>
        <translation>照片 {n}/{total}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/photos.py" line="230"/>
        <source>← → other photos · Esc closes</source>
        <translation>← → 切换照片 · Esc 关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/photos.py" line="236"/>
        <source>This photo cannot be shown.</source>
        <translation>无法显示此照片。</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <location filename="../../inspector_app/ui/printing.py" line="107"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
</context>
<context>
    <name>ProvisionDialog</name>
    <message>
        <location filename="../../inspector_app/ui/visit/provisions.py" line="18"/>
        <source>Legal basis: {item}</source>
        <translation>检查依据：{item}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/provisions.py" line="32"/>
        <source>This item cites no provision.</source>
        <translation>本项未引用法律条文。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/provisions.py" line="40"/>
        <source>{law}, version of {version}</source>
        <translation>{law}（{version} 版）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/provisions.py" line="59"/>
        <source>This names no article of a law (《…》第…条).</source>
        <translation>未指明法律条文（《…》第…条）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/provisions.py" line="62"/>
        <source>The text of 《{law}》 is not on this laptop yet.</source>
        <translation>本机尚无《{law}》的文本。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/provisions.py" line="64"/>
        <source>《{law}》 ({version}) has no article {n}.</source>
        <translation>《{law}》（{version} 版）没有第 {n} 条。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../inspector_app/ui/widgets/shortcuts.py" line="22"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/shortcuts.py" line="25"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/shortcuts.py" line="25"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/widgets/shortcuts.py" line="25"/>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>TaskListPage</name>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="66"/>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="77"/>
        <source>Search business, USCC or department (Ctrl+F)</source>
        <translation>搜索经营主体、统一社会信用代码或部门（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="86"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="87"/>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="88"/>
        <source>Credit risk class</source>
        <translation>信用风险分类</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="89"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="138"/>
        <source>&amp;Tasks</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="139"/>
        <source>&amp;Find task</source>
        <translation>查找任务(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="142"/>
        <source>&amp;Clear search and filters</source>
        <translation>清除搜索和筛选(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="146"/>
        <source>Go to the task &amp;list</source>
        <translation>转到任务列表(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="158"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="167"/>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="168"/>
        <source>&amp;Upcoming</source>
        <translation>即将开始(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="169"/>
        <source>F&amp;ollow-ups due</source>
        <translation>待回访(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="170"/>
        <source>&amp;Done</source>
        <translation>已完成(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="171"/>
        <source>Needs &amp;attention</source>
        <translation>需要处理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="172"/>
        <source>All task&amp;s</source>
        <translation>全部任务(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="195"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="196"/>
        <source>All areas</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="199"/>
        <source>All credit classes</source>
        <translation>全部信用分类</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="200"/>
        <source>Class {c}</source>
        <translation>{c}类</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="204"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="331"/>
        <source>No task matches the search and filters. Ctrl+Shift+F clears them.</source>
        <translation>没有符合搜索和筛选条件的任务。按 Ctrl+Shift+F 清除。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="333"/>
        <source>No follow-up visit is due.</source>
        <translation>没有待回访的任务。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/page.py" line="334"/>
        <source>No task in this view.</source>
        <translation>此视图中没有任务。</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="41"/>
        <source>Assigned</source>
        <translation>已分派</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="42"/>
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="43"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="44"/>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="45"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="46"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="47"/>
        <source>Published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="48"/>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="57"/>
        <source>Cancelled on the server</source>
        <translation>服务器已取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="58"/>
        <source>Given to another team</source>
        <translation>已改派其他检查组</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="69"/>
        <source>A – low risk</source>
        <extracomment>信用风险分类 colours as inspectors know them: 绿 A (low), 蓝 B, 橙 C, 红 D (high).</extracomment>
        <translation>A类（低风险）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="70"/>
        <source>B – ordinary risk</source>
        <translation>B类（一般风险）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="71"/>
        <source>C – elevated risk</source>
        <translation>C类（较高风险）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="72"/>
        <source>D – high risk</source>
        <translation>D类（高风险）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="75"/>
        <source>On the positive list (无事不扰): inspect only with a reason</source>
        <translation>列入正面清单（无事不扰）：无正当理由不主动检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="78"/>
        <source>Credit risk class: {label}</source>
        <translation>信用风险分类：{label}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="79"/>
        <source>Overdue: the window closed on {day}</source>
        <translation>已逾期：检查期限已于 {day} 届满</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="104"/>
        <source>Business</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="105"/>
        <source>Class</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="109"/>
        <source>Depts</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="110"/>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="106"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="107"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tasks/model.py" line="108"/>
        <source>Window</source>
        <translation>检查期限</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="98"/>
        <source>&amp;Visit</source>
        <extracomment>Findings can be recorded in these states (after completion with a reason).</extracomment>
        <translation>检查(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="100"/>
        <source>Check &amp;in…</source>
        <translation>签到开始检查(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="104"/>
        <source>&amp;Complete inspection</source>
        <translation>完成检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="111"/>
        <source>Show the &amp;legal basis</source>
        <translation>查看检查依据(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="116"/>
        <source>&amp;Next item</source>
        <translation>下一项(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="117"/>
        <source>&amp;Previous item</source>
        <translation>上一项(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="118"/>
        <source>Go to the chec&amp;klist</source>
        <translation>转到检查事项(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="122"/>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="124"/>
        <source>&amp;Compliant</source>
        <translation>符合(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="125"/>
        <source>&amp;Non-compliant</source>
        <translation>不符合(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="126"/>
        <source>Not &amp;applicable</source>
        <translation>不适用(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="127"/>
        <source>Not chec&amp;ked</source>
        <translation>未检查(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="138"/>
        <source>&amp;Save result</source>
        <translation>保存结果(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="146"/>
        <source>Add &amp;photos…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="149"/>
        <source>&amp;View photos</source>
        <translation>查看照片(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="151"/>
        <source>Go to the n&amp;ote</source>
        <translation>转到备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="154"/>
        <source>&amp;Restore the kept entry</source>
        <translation>恢复保留的录入(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="232"/>
        <source>assigned, not checked in</source>
        <translation>已分派，未签到</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="233"/>
        <source>in progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="234"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/page.py" line="235"/>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/writes.py" line="37"/>
        <source>Reason for the change</source>
        <extracomment>Recording here needs a reason: the inspection was already closed.</extracomment>
        <translation>更改原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/writes.py" line="38"/>
        <source>This inspection is already completed. Why is this finding changed?</source>
        <translation>本次检查已完成。为什么要更改这项检查结果？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/writes.py" line="79"/>
        <source>Result saved</source>
        <translation>结果已保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/writes.py" line="98"/>
        <source>Photo attached</source>
        <translation>照片已添加</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/writes.py" line="109"/>
        <source>{name} (legal representative)</source>
        <translation>{name}（法定代表人）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/writes.py" line="124"/>
        <source>Checked in</source>
        <translation>已签到，检查开始</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/visit/writes.py" line="134"/>
        <source>Inspection completed</source>
        <translation>检查已完成</translation>
    </message>
</context>
<context>
    <name>WorkdayCalendar</name>
    <message>
        <location filename="../../inspector_app/ui/widgets/workdays.py" line="62"/>
        <source>Make-up working day (调休上班)</source>
        <translation>调休上班</translation>
    </message>
</context>
</TS>
