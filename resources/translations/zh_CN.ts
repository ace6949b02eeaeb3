<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="54"/>
        <source>Compliant (Alt+1)</source>
        <translation>符合 (Alt+1)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="55"/>
        <source>Non-compliant (Alt+2)</source>
        <translation>不符合 (Alt+2)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="56"/>
        <source>Not applicable (Alt+3)</source>
        <translation>不适用 (Alt+3)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="57"/>
        <source>Not checked (Alt+4)</source>
        <translation>未检查 (Alt+4)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="73"/>
        <source>What was found, where, and which photo shows it</source>
        <translation>发现的问题、位置，以及对应的照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="76"/>
        <source>Corrected on the spot</source>
        <translation>当场改正</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="77"/>
        <source>Correct by</source>
        <translation>限期改正至</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="91"/>
        <source>Add &amp;photo…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="93"/>
        <source>&amp;Save result</source>
        <translation>保存结果(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="103"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="104"/>
        <source>Note</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="123"/>
        <source>Select a check item to record its result.</source>
        <translation>请选择一个检查事项，记录其结果。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="143"/>
        <source>Photos: {n}</source>
        <translation>照片：{n} 张</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="171"/>
        <source>Choose a result (1–4) first.</source>
        <translation>请先选择检查结果（1–4）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="179"/>
        <source>Add photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/item_editor.py" line="179"/>
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
        <location filename="../../inspector_app/ui/main_window.py" line="66"/>
        <location filename="../../inspector_app/ui/main_window.py" line="166"/>
        <location filename="../../inspector_app/ui/main_window.py" line="211"/>
        <location filename="../../inspector_app/ui/main_window.py" line="248"/>
        <source>Field Inspector</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="70"/>
        <source>Search business, USCC or department (Ctrl+F)</source>
        <translation>搜索经营主体、统一社会信用代码或部门（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="118"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="119"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="124"/>
        <source>&amp;Inspection</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="125"/>
        <source>Check &amp;in</source>
        <translation>签到开始检查(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="129"/>
        <source>&amp;Complete inspection</source>
        <translation>完成检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="133"/>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="137"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="144"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="145"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="149"/>
        <source>&amp;Find task</source>
        <translation>查找任务(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="156"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="157"/>
        <source>&amp;About Field Inspector</source>
        <translation>关于现场检查(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="170"/>
        <source>{n} tasks · profile {folder}</source>
        <translation>共 {n} 项任务 · 数据目录 {folder}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="220"/>
        <source>Audit trail damaged</source>
        <translation>执法全过程记录受损</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="222"/>
        <source>This laptop&apos;s audit trail (执法全过程记录) was changed outside Field Inspector: {what}

Nothing was deleted. The damage is recorded in the trail and goes to the server with the next sync. Tell the officer in charge of records before going on.</source>
        <translation>本机的执法全过程记录在现场检查软件之外被改动：{what}

没有删除任何内容。受损情况已记入记录，并将在下次同步时随其他数据一并上传服务器。请先告知档案管理负责人，再继续工作。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="256"/>
        <source>Something went wrong and nothing was changed: {error}</source>
        <translation>出现错误，未作任何更改：{error}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="275"/>
        <source>Syncing: {phase} {done}{total}</source>
        <translation>正在同步：{phase} {done}{total}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="285"/>
        <source>Synced: sent {sent}, received {received}</source>
        <translation>同步完成：上传 {sent} 项，下载 {received} 项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="293"/>
        <source>Server not reachable; your work is kept and will be sent later.</source>
        <translation>无法连接服务器；已保存的工作会在联网后上传。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="297"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="327"/>
        <source>Checked in</source>
        <translation>已签到，检查开始</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="335"/>
        <source>Inspection completed</source>
        <translation>检查已完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="344"/>
        <source>Reason for the change</source>
        <translation>更改原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="345"/>
        <source>This inspection is already completed. Why is this finding changed?</source>
        <translation>本次检查已完成。为什么要更改这项检查结果？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="375"/>
        <source>Result saved</source>
        <translation>结果已保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="406"/>
        <source>Photo attached</source>
        <translation>照片已添加</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="411"/>
        <source>About Field Inspector</source>
        <translation>关于现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="413"/>
        <source>Field Inspector {version}
Joint market-supervision inspections, offline first.</source>
        <translation>现场检查 {version}
部门联合“双随机、一公开”现场检查，离线优先。</translation>
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
    <name>TaskDetail</name>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="26"/>
        <source>Check item</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="26"/>
        <source>Severity</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="26"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="26"/>
        <source>Legal basis</source>
        <translation>检查依据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="51"/>
        <source>Select a task to see its checklist.</source>
        <translation>选择一项任务以查看其检查事项清单。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="59"/>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="60"/>
        <source>Legal representative</source>
        <translation>法定代表人（负责人）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="61"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="62"/>
        <source>Departments</source>
        <translation>参与部门</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="63"/>
        <source>Checklist</source>
        <translation>检查事项清单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="64"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="66"/>
        <source>{before} departmental items merged into {after}</source>
        <translation>各部门 {before} 项合并为 {after} 项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="78"/>
        <source>Key</source>
        <translation>重点</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="78"/>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="106"/>
        <source>assigned, not checked in</source>
        <translation>已分派，未签到</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="107"/>
        <source>in progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="108"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="109"/>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="110"/>
        <source>approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="111"/>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="112"/>
        <source>published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="113"/>
        <source>cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="140"/>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="141"/>
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="142"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="143"/>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="26"/>
        <source>Assigned</source>
        <translation>已分派</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="27"/>
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="28"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="29"/>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="30"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="31"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="32"/>
        <source>Published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="33"/>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="39"/>
        <source>Business</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="40"/>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="41"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="42"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="43"/>
        <source>Window</source>
        <translation>检查期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="44"/>
        <source>Departments</source>
        <translation>参与部门</translation>
    </message>
</context>
</TS>
