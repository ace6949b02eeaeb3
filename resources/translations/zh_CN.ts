<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="35" />
        <location filename="../../inspector_app/ui/main_window.py" line="109" />
        <location filename="../../inspector_app/ui/main_window.py" line="143" />
        <source>Field Inspector</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="39" />
        <source>Search business, USCC or department (Ctrl+F)</source>
        <translation>搜索经营主体、统一社会信用代码或部门（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="81" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="82" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="87" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="88" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="92" />
        <source>&amp;Find task</source>
        <translation>查找任务(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="99" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="100" />
        <source>&amp;About Field Inspector</source>
        <translation>关于现场检查(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="113" />
        <source>{n} tasks · profile {folder}</source>
        <translation>共 {n} 项任务 · 数据目录 {folder}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="151" />
        <source>About Field Inspector</source>
        <translation>关于现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="153" />
        <source>Field Inspector {version}
Joint market-supervision inspections, offline first.</source>
        <translation>现场检查 {version}
部门联合“双随机、一公开”现场检查，离线优先。</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <location filename="../../inspector_app/ui/printing.py" line="107" />
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
</context>
<context>
    <name>TaskDetail</name>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="23" />
        <source>Check item</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="23" />
        <source>Severity</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="23" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="23" />
        <source>Legal basis</source>
        <translation>检查依据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="35" />
        <source>Select a task to see its checklist.</source>
        <translation>选择一项任务以查看其检查事项清单。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="43" />
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="44" />
        <source>Legal representative</source>
        <translation>法定代表人（负责人）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="45" />
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="46" />
        <source>Departments</source>
        <translation>参与部门</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="47" />
        <source>Checklist</source>
        <translation>检查事项清单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="49" />
        <source>{before} departmental items merged into {after}</source>
        <translation>各部门 {before} 项合并为 {after} 项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="60" />
        <source>Key</source>
        <translation>重点</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="60" />
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="85" />
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="86" />
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="87" />
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_detail.py" line="88" />
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="26" />
        <source>Assigned</source>
        <translation>已分派</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="27" />
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="28" />
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="29" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="30" />
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="31" />
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="32" />
        <source>Published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="33" />
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="39" />
        <source>Business</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="40" />
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="41" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="42" />
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="43" />
        <source>Window</source>
        <translation>检查期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="44" />
        <source>Departments</source>
        <translation>参与部门</translation>
    </message>
</context>
</TS>