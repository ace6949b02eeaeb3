<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BusinessCard</name>
    <message>
        <source>Select a task to see its business and checklist.</source>
        <translation>选择一个任务，查看经营主体和检查事项。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未注明原因</translation>
    </message>
    <message>
        <source>Recusal: you are marked related to this business ({reason}). 行政处罚法第四十三条: an officer with an interest shall step aside.</source>
        <translation>回避提示：您被标记为与该经营主体有关联（{reason}）。行政处罚法第四十三条：执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避。</translation>
    </message>
    <message>
        <source>Class {c}</source>
        <translation>{c}类</translation>
    </message>
    <message>
        <source>Positive list (无事不扰)</source>
        <translation>正面清单（无事不扰）</translation>
    </message>
    <message>
        <source>{lead} (lead)</source>
        <translation>{lead}（牵头）</translation>
    </message>
    <message>
        <source>{n} inspectors</source>
        <translation>{n} 名执法人员</translation>
    </message>
    <message>
        <source>, you among them</source>
        <translation>，含您本人</translation>
    </message>
    <message>
        <source>{before} departmental items merged into {after}</source>
        <translation>各部门 {before} 项合并为 {after} 项</translation>
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
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>主体资格证照</translation>
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
        <source>Team</source>
        <translation>检查组</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>检查期限</translation>
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
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>在场人员</translation>
    </message>
    <message>
        <source>Observers</source>
        <translation>社会监督人员</translation>
    </message>
    <message>
        <source>People&apos;s Congress deputy</source>
        <translation>人大代表</translation>
    </message>
    <message>
        <source>CPPCC member</source>
        <translation>政协委员</translation>
    </message>
    <message>
        <source>social supervisor</source>
        <translation>社会监督员</translation>
    </message>
    <message>
        <source>media</source>
        <translation>媒体记者</translation>
    </message>
    <message>
        <source>observer</source>
        <translation>监督人员</translation>
    </message>
    <message>
        <source>The last two years</source>
        <translation>近两年记录</translation>
    </message>
    <message>
        <source>No earlier visit or violation on record.</source>
        <translation>无检查或违法记录。</translation>
    </message>
    <message>
        <source>penalised</source>
        <translation>已处罚</translation>
    </message>
    <message>
        <source>not penalised</source>
        <translation>未处罚</translation>
    </message>
    <message>
        <source>Violation {day}: {matter} {what} ({penalised})</source>
        <translation>违法 {day}：{matter} {what}（{penalised}）</translation>
    </message>
    <message>
        <source>Visit {start} – {end}: {departments} ({status})</source>
        <translation>检查 {start} – {end}：{departments}（{status}）</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>Check in at {business}</source>
        <translation>签到：{business}</translation>
    </message>
    <message>
        <source>People&apos;s Congress deputy (人大代表)</source>
        <translation>人大代表</translation>
    </message>
    <message>
        <source>CPPCC member (政协委员)</source>
        <translation>政协委员</translation>
    </message>
    <message>
        <source>Social supervisor (社会监督员)</source>
        <translation>社会监督员</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>媒体记者</translation>
    </message>
    <message>
        <source>Other observer</source>
        <translation>其他监督人员</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未注明原因</translation>
    </message>
    <message>
        <source>You are marked related to this business ({reason}). The law asks you to step aside (行政处罚法第四十三条); tell your team lead before you check in.</source>
        <translation>您被标记为与该经营主体有关联（{reason}）。依照行政处罚法第四十三条应当回避；签到前请告知检查组组长。</translation>
    </message>
    <message>
        <source>&amp;People present (one per line: name and role)</source>
        <translation>在场人员（每行一人：姓名和身份）(&amp;P)</translation>
    </message>
    <message>
        <source>Public &amp;observers</source>
        <translation>社会监督人员(&amp;O)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>&amp;Add observer</source>
        <translation>添加监督人员(&amp;A)</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <source>Check &amp;in</source>
        <translation>签到开始检查(&amp;I)</translation>
    </message>
    <message>
        <source>Every observer needs a name.</source>
        <translation>每位监督人员都需要填写姓名。</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <source>Check item</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>参与部门</translation>
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
        <source>Key</source>
        <translation>重点</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
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
    <name>CoReviewDialog</name>
    <message>
        <source>Co-review by {lead} on this laptop</source>
        <translation>{lead}在本机现场审核</translation>
    </message>
    <message>
        <source>Reviewing as {lead}. Esc locks the co-review; the decision goes up with the next sync.</source>
        <translation>正在以{lead}的身份审核。按 Esc 锁定现场审核；审核意见将在下次同步时上传。</translation>
    </message>
    <message>
        <source>&amp;Lock and close</source>
        <translation>锁定并关闭(&amp;L)</translation>
    </message>
</context>
<context>
    <name>CoReviewSignIn</name>
    <message>
        <source>Co-review on this laptop</source>
        <translation>在本机现场审核</translation>
    </message>
    <message>
        <source>The team lead reviews this visit here with their own password; the review is theirs and goes to the server with this laptop&apos;s next sync.</source>
        <translation>组长使用自己的密码在本机审核此次检查；审核意见属于组长本人，将在本机下次同步时上传服务器。</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Team lead&apos;s &amp;user name</source>
        <translation>组长用户名(&amp;U)</translation>
    </message>
    <message>
        <source>Their &amp;password</source>
        <translation>组长密码(&amp;P)</translation>
    </message>
    <message>
        <source>Enter the team lead&apos;s user name and password.</source>
        <translation>请输入组长的用户名和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <source>Unlocking failed ({error}).</source>
        <translation>解锁失败（{error}）。</translation>
    </message>
</context>
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
    <name>DeadlineEdit</name>
    <message>
        <source>Move to the next &amp;working day</source>
        <translation>顺延至下一工作日(&amp;W)</translation>
    </message>
    <message>
        <source>in the past</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>1 working day</source>
        <translation>1 个工作日</translation>
    </message>
    <message>
        <source>{n} working days</source>
        <translation>{n} 个工作日</translation>
    </message>
    <message>
        <source>(holiday schedule for {year} not installed)</source>
        <translation>（未安装 {year} 年节假日安排）</translation>
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
        <source>a holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>{date} is a rest day ({why})</source>
        <translation>{date} 是休息日（{why}）</translation>
    </message>
    <message>
        <source>Move the deadline to {date} (Alt+W)</source>
        <translation>将期限改为 {date}（Alt+W）</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <source>Record delivery</source>
        <translation>记录送达</translation>
    </message>
    <message>
        <source>Name of the person who received it</source>
        <translation>签收人姓名</translation>
    </message>
    <message>
        <source>Postal tracking number, e-mail address, …</source>
        <translation>邮件号、电子邮箱地址等</translation>
    </message>
    <message>
        <source>When someone else received it for the party: their relationship</source>
        <translation>他人代为签收时：与当事人的关系</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>送达方式(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Received by</source>
        <translation>签收人(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>送达时间(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>送达地点(&amp;P)</translation>
    </message>
    <message>
        <source>Wi&amp;tness</source>
        <translation>见证人(&amp;T)</translation>
    </message>
    <message>
        <source>Re&amp;ference</source>
        <translation>送达凭据(&amp;F)</translation>
    </message>
    <message>
        <source>Relations&amp;hip</source>
        <translation>代收人关系(&amp;H)</translation>
    </message>
    <message>
        <source>Reason for a pro&amp;xy</source>
        <translation>代收理由(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>In person (直接送达)</source>
        <translation>直接送达</translation>
    </message>
    <message>
        <source>Left at the premises (留置送达)</source>
        <translation>留置送达</translation>
    </message>
    <message>
        <source>By post (邮寄送达)</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <source>Entrusted to another agency (委托送达)</source>
        <translation>委托送达</translation>
    </message>
    <message>
        <source>Transferred (转交送达)</source>
        <translation>转交送达</translation>
    </message>
    <message>
        <source>Electronic (电子送达)</source>
        <translation>电子送达</translation>
    </message>
    <message>
        <source>Public announcement (公告送达)</source>
        <translation>公告送达</translation>
    </message>
</context>
<context>
    <name>DispositionPanel</name>
    <message>
        <source>Non-compliant items</source>
        <extracomment>Asks, when the visit is already completed, why a decision is changed: (go on, reason).</extracomment>
        <translation>不符合事项</translation>
    </message>
    <message>
        <source>No non-compliant item in this visit.</source>
        <translation>本次检查没有不符合事项。</translation>
    </message>
    <message>
        <source>Accept the proposal</source>
        <translation>采纳建议</translation>
    </message>
    <message>
        <source>no fine</source>
        <translation>不罚款</translation>
    </message>
    <message>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Why you decide otherwise (required)</source>
        <translation>不采纳建议的理由（必填）</translation>
    </message>
    <message>
        <source>Why the rule the law makes mandatory does not apply</source>
        <translation>法定“应当”规定为何不适用的说明</translation>
    </message>
    <message>
        <source>Facts…</source>
        <translation>违法情节…</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>改变处理方式</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <source>Fine:</source>
        <translation>罚款：</translation>
    </message>
    <message>
        <source>Override with:</source>
        <translation>改为：</translation>
    </message>
    <message>
        <source>Mandatory rule:</source>
        <translation>法定规定：</translation>
    </message>
    <message>
        <source>Disposition decided</source>
        <translation>处理方式已确定</translation>
    </message>
    <message>
        <source>Facts recorded; the proposal is made again on them</source>
        <translation>违法情节已记录，已据此重新提出建议</translation>
    </message>
    <message>
        <source>Statement saved</source>
        <translation>陈述申辩已保存</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>On-site inspection record</source>
        <translation>现场笔录</translation>
    </message>
    <message>
        <source>Order to correct</source>
        <translation>责令改正通知书</translation>
    </message>
    <message>
        <source>Risk reminder</source>
        <translation>行政提示书</translation>
    </message>
    <message>
        <source>No-penalty decision</source>
        <translation>不予行政处罚决定书</translation>
    </message>
    <message>
        <source>Summary penalty decision</source>
        <translation>当场行政处罚决定书</translation>
    </message>
    <message>
        <source>Credit-repair notice</source>
        <translation>信用修复告知书</translation>
    </message>
    <message>
        <source>Joint result notice</source>
        <translation>联合检查结果告知书</translation>
    </message>
    <message>
        <source>Proof of service</source>
        <translation>送达回证</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>缺少出具条件</translation>
    </message>
    <message>
        <source>ready to issue</source>
        <translation>可以出具</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>已出具</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Missing: {what}</source>
        <translation>尚缺：{what}</translation>
    </message>
    <message>
        <source>Nothing missing: it can be issued.</source>
        <translation>条件齐备，可以出具。</translation>
    </message>
    <message>
        <source>Draft previewed; nothing missing: it can be issued.</source>
        <translation>已预览草稿；条件齐备，可以出具。</translation>
    </message>
    <message>
        <source>Void: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
    <message>
        <source>Delivered to {recipient}, {at}</source>
        <translation>已送达 {recipient}，{at}</translation>
    </message>
    <message>
        <source>Issued {at}; not delivered yet</source>
        <translation>{at} 出具；尚未送达</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Choose a document and press Ctrl+Alt+V to preview it.</source>
        <translation>选择一份文书，按 Ctrl+Alt+V 预览。</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>执法文书</translation>
    </message>
    <message>
        <source>D&amp;ocuments</source>
        <translation>文书(&amp;O)</translation>
    </message>
    <message>
        <source>Show the &amp;documents</source>
        <translation>转到执法文书(&amp;D)</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>预览(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Issue</source>
        <translation>出具(&amp;I)</translation>
    </message>
    <message>
        <source>Issue &amp;all</source>
        <translation>全部出具(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print the whole &amp;set…</source>
        <translation>打印全套文书(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Record delivery…</source>
        <translation>记录送达(&amp;R)…</translation>
    </message>
    <message>
        <source>V&amp;oid…</source>
        <translation>作废(&amp;O)…</translation>
    </message>
    <message>
        <source>Zoom i&amp;n</source>
        <translation>放大(&amp;N)</translation>
    </message>
    <message>
        <source>Zoom ou&amp;t</source>
        <translation>缩小(&amp;T)</translation>
    </message>
    <message>
        <source>The issued documents disagree: {problems}</source>
        <translation>已出具的文书之间不一致：{problems}</translation>
    </message>
    <message>
        <source>{issued} of {total} documents issued; still to issue: {titles}</source>
        <translation>已出具{issued}份，共{total}份；尚待出具：{titles}</translation>
    </message>
    <message>
        <source>All {total} documents of this visit are issued.</source>
        <translation>本次检查的{total}份文书均已出具。</translation>
    </message>
    <message>
        <source>No document: check in and record the findings first.</source>
        <translation>暂无文书：请先签到并记录检查结果。</translation>
    </message>
    <message>
        <source>Before it can be issued, it needs:</source>
        <translation>出具前还需要：</translation>
    </message>
    <message>
        <source>Delivered to {recipient} ({how}), {at}</source>
        <translation>已送达 {recipient}（{how}），{at}</translation>
    </message>
    <message>
        <source>Drawing up the draft…</source>
        <translation>正在生成草稿…</translation>
    </message>
    <message>
        <source>Draft: {title}</source>
        <translation>草稿：{title}</translation>
    </message>
    <message>
        <source>Zoom {percent}%</source>
        <translation>缩放 {percent}%</translation>
    </message>
    <message>
        <source>Document issued.</source>
        <translation>文书已出具。</translation>
    </message>
    <message>
        <source>Issued {n} document(s): {numbers}</source>
        <translation>已出具 {n} 份文书：{numbers}</translation>
    </message>
    <message>
        <source>Nothing to issue: every document this visit needs is issued.</source>
        <translation>无需出具：本次检查所需的文书均已出具。</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印 {title}</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>直接送达</translation>
    </message>
    <message>
        <source>left at the premises</source>
        <translation>留置送达</translation>
    </message>
    <message>
        <source>by post</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <source>entrusted</source>
        <translation>委托送达</translation>
    </message>
    <message>
        <source>transferred</source>
        <translation>转交送达</translation>
    </message>
    <message>
        <source>electronically</source>
        <translation>电子送达</translation>
    </message>
    <message>
        <source>by public announcement</source>
        <translation>公告送达</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Issue the documents first: none is issued yet.</source>
        <translation>请先出具文书：目前尚无已出具的文书。</translation>
    </message>
    <message>
        <source>Documents of the visit ({n})</source>
        <translation>本次检查文书（{n} 份）</translation>
    </message>
    <message>
        <source>Printing {title}…</source>
        <translation>正在打印 {title}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printing page {done} of {total}…</source>
        <translation>正在打印第 {done} 页，共 {total} 页…</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <source>Sent {documents} document(s), {pages} page(s) to the printer.</source>
        <translation>已将 {documents} 份文书、{pages} 页发送到打印机。</translation>
    </message>
    <message>
        <source>The printer could not be used ({error}). Check that it is on and connected, then print again.</source>
        <translation>无法使用打印机（{error}）。请检查打印机是否开启并已连接，然后重新打印。</translation>
    </message>
    <message>
        <source>Delivery recorded.</source>
        <translation>送达已记录。</translation>
    </message>
    <message>
        <source>Document voided; its number will not be used again.</source>
        <translation>文书已作废，其文号不再使用。</translation>
    </message>
</context>
<context>
    <name>FactsDialog</name>
    <message>
        <source>Facts of {item}</source>
        <translation>{item} 的违法情节</translation>
    </message>
    <message>
        <source>The violation is &amp;minor</source>
        <translation>违法行为轻微(&amp;M)</translation>
    </message>
    <message>
        <source>No harm</source>
        <translation>没有危害后果</translation>
    </message>
    <message>
        <source>Slight harm</source>
        <translation>危害后果轻微</translation>
    </message>
    <message>
        <source>Serious harm</source>
        <translation>危害后果严重</translation>
    </message>
    <message>
        <source>It affects food &amp;safety</source>
        <translation>影响食品安全(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Corrected in time</source>
        <translation>及时改正(&amp;C)</translation>
    </message>
    <message>
        <source>The party &amp;proved it was not at fault</source>
        <translation>当事人有证据足以证明没有主观过错(&amp;P)</translation>
    </message>
    <message>
        <source>The violation is c&amp;ontinuing</source>
        <translation>违法行为处于连续或者继续状态(&amp;O)</translation>
    </message>
    <message>
        <source>The party &amp;refused to correct after an order</source>
        <translation>经责令改正后拒不改正(&amp;R)</translation>
    </message>
    <message>
        <source>Reduce (减轻) rather than lighten (从轻)</source>
        <translation>减轻处罚（而非从轻）</translation>
    </message>
    <message>
        <source>Mitigating circumstances (第三十二条)</source>
        <translation>从轻或者减轻情节（第三十二条）</translation>
    </message>
    <message>
        <source>Harm:</source>
        <translation>危害后果：</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Restore (Ctrl+Shift+R)</source>
        <translation>恢复（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
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
        <source>&amp;Corrected on the spot</source>
        <translation>当场改正(&amp;C)</translation>
    </message>
    <message>
        <source>Correct &amp;by</source>
        <translation>限期改正至(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Save result (Ctrl+Enter)</source>
        <translation>保存结果（Ctrl+Enter）(&amp;S)</translation>
    </message>
    <message>
        <source>Choose a result (Alt+1–4) first.</source>
        <translation>请先选择检查结果（Alt+1–4）。</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>An unsaved entry for this item from {time} was kept.</source>
        <translation>已保留本项 {time} 未保存的录入内容。</translation>
    </message>
    <message>
        <source>Add &amp;photo…</source>
        <translation>添加照片(&amp;P)…</translation>
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
        <source>Measured</source>
        <translation>测量值</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Select a check item to record its result.</source>
        <translation>请选择一个检查事项，记录其结果。</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L: the provision&apos;s full text</source>
        <translation>Ctrl+Shift+L：查看条文全文</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>LeadWindow</name>
    <message>
        <source>Field Inspector — team lead</source>
        <translation>现场检查 — 组长</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Review queue</source>
        <translation>待审核队列(&amp;R)</translation>
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
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Field Inspector</source>
        <translation>关于现场检查(&amp;A)</translation>
    </message>
</context>
<context>
    <name>LookupDialog</name>
    <message>
        <source>Search provisions, rule packs and check items</source>
        <translation>查询法律条文、清单条目和检查事项</translation>
    </message>
    <message>
        <source>Type a few characters, e.g. 责令改正, 首违不罚, 处罚法第33条 (F3)</source>
        <translation>输入几个字，例如：责令改正、首违不罚、处罚法第33条（F3）</translation>
    </message>
    <message>
        <source>Preparing the search…</source>
        <translation>正在准备查询…</translation>
    </message>
    <message>
        <source>The search is not available: {error}</source>
        <translation>查询暂不可用：{error}</translation>
    </message>
    <message>
        <source>{provisions} provisions, {entries} rule-pack entries and {items} check items on this laptop. Up/Down moves, Enter reads, Esc closes.</source>
        <translation>本机共有法律条文 {provisions} 条、清单条目 {entries} 项、检查事项 {items} 项。上下键选择，回车查看全文，Esc 关闭。</translation>
    </message>
    <message>
        <source>Nothing found for “{query}”.</source>
        <translation>没有找到“{query}”。</translation>
    </message>
    <message>
        <source>{n} found in {ms:.1f} ms.</source>
        <translation>找到 {n} 项，用时 {ms:.1f} 毫秒。</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>适用条件</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>What is checked</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>How</source>
        <translation>检查方法</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>检查依据</translation>
    </message>
    <message>
        <source>Departments and their items</source>
        <translation>涉及部门及其原检查事项</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Field Inspector</source>
        <extracomment>How long after the window comes up the task page&apos;s services start loading.</extracomment>
        <translation>现场检查</translation>
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
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Field Inspector</source>
        <translation>关于现场检查(&amp;A)</translation>
    </message>
    <message>
        <source>The profile&apos;s database is damaged ({problem}). Close Field Inspector, copy the profile folder aside and restore it from a backup or a .bak copy beside the database; work not yet synced is in the damaged file.</source>
        <translation>配置文件的数据库已损坏（{problem}）。请关闭现场检查，将配置文件夹复制到别处，再用备份或数据库旁的 .bak 副本恢复；尚未同步的工作保存在已损坏的文件中。</translation>
    </message>
    <message>
        <source>{shown} of {n} tasks shown · profile {folder}</source>
        <translation>显示 {shown}/{n} 个任务 · 配置文件 {folder}</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was changed: {error}</source>
        <translation>出现错误，未作任何更改：{error}</translation>
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
</context>
<context>
    <name>MeasurementEditor</name>
    <message>
        <source>Measured</source>
        <translation>测量项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Add a measurement</source>
        <translation>添加测量值</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>Compliant range: {low} – {high}</source>
        <translation>合格范围：{low} – {high}</translation>
    </message>
</context>
<context>
    <name>OpeningDialog</name>
    <message>
        <source>The opening at {business}</source>
        <translation>表明身份与告知：{business}</translation>
    </message>
    <message>
        <source>Before checking, the officers show their credentials and tell the party its rights (行政处罚法第五十五条). The on-site record (现场笔录) prints this and cannot be issued until both are recorded.</source>
        <translation>检查前，执法人员应当主动出示执法证件，并告知当事人依法享有的权利（行政处罚法第五十五条）。现场笔录载明以上内容，两项均记录后方可出具。</translation>
    </message>
    <message>
        <source>Reason for the &amp;change (the inspection is already completed)</source>
        <translation>修改理由（检查已完成）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
</context>
<context>
    <name>OpeningFields</name>
    <message>
        <source>Name and position, e.g. 张三（店长）</source>
        <translation>姓名及职务，如：张三（店长）</translation>
    </message>
    <message>
        <source>Cre&amp;dentials shown (出示执法证件)</source>
        <translation>已出示执法证件(&amp;D)</translation>
    </message>
    <message>
        <source>Rights &amp;told: to state, defend, ask for a hearing (告知陈述申辩权)</source>
        <translation>已告知陈述、申辩、听证等权利(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Representative of the party</source>
        <translation>当事人代表(&amp;R)</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>The document could not be shown: {error}</source>
        <translation>无法显示该文书：{error}</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>第 {n} 页</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Drop photos here, or press Ctrl+Shift+P to choose them</source>
        <translation>将照片拖放到这里，或按 Ctrl+Shift+P 选择</translation>
    </message>
    <message>
        <source>Photo {n}</source>
        <translation>照片 {n}</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Photo {n} of {total}</source>
        <translation>照片 {n}/{total}</translation>
    </message>
    <message>
        <source>← → other photos · Esc closes</source>
        <translation>← → 切换照片 · Esc 关闭</translation>
    </message>
    <message>
        <source>This photo cannot be shown.</source>
        <translation>无法显示此照片。</translation>
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
    <name>ProposalText</name>
    <message>
        <source>No action</source>
        <translation>不作处理</translation>
    </message>
    <message>
        <source>Risk reminder</source>
        <translation>行政提示</translation>
    </message>
    <message>
        <source>Order to correct</source>
        <translation>责令改正</translation>
    </message>
    <message>
        <source>No penalty</source>
        <translation>不予行政处罚</translation>
    </message>
    <message>
        <source>On-the-spot penalty</source>
        <translation>当场行政处罚</translation>
    </message>
    <message>
        <source>Open a case</source>
        <translation>立案调查</translation>
    </message>
    <message>
        <source>proposed, not decided</source>
        <translation>已建议，未确定</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>已确定</translation>
    </message>
    <message>
        <source>finding changed: decide again</source>
        <translation>检查结果已变更，请重新确定</translation>
    </message>
    <message>
        <source>no longer non-compliant</source>
        <translation>已不属于不符合事项</translation>
    </message>
    <message>
        <source>{lo} to {hi} yuan</source>
        <translation>{lo}元至{hi}元</translation>
    </message>
    <message>
        <source>No local discretion benchmark is configured.</source>
        <translation>未配置本机关行政处罚裁量基准。</translation>
    </message>
    <message>
        <source>Lenient (从轻): the lowest {share}% of the range, {band}</source>
        <translation>从轻：法定幅度最低的{share}%，即{band}</translation>
    </message>
    <message>
        <source>Statutory fine range: {band}</source>
        <translation>法定罚款幅度：{band}</translation>
    </message>
    <message>
        <source>A fine only when: {condition}</source>
        <translation>仅在以下情形处以罚款：{condition}</translation>
    </message>
    <message>
        <source>The provision allows a warning.</source>
        <translation>罚则规定可以给予警告。</translation>
    </message>
    <message>
        <source>lenient (从轻)</source>
        <translation>从轻</translation>
    </message>
    <message>
        <source>reduced (减轻)</source>
        <translation>减轻</translation>
    </message>
    <message>
        <source>statutory</source>
        <translation>法定</translation>
    </message>
    <message>
        <source>Proposed fine band ({how}): {band}</source>
        <translation>建议罚款幅度（{how}）：{band}</translation>
    </message>
    <message>
        <source>Proposed fine: {fine} yuan</source>
        <translation>建议罚款：{fine}元</translation>
    </message>
    <message>
        <source>proposal accepted</source>
        <translation>采纳建议</translation>
    </message>
    <message>
        <source>overridden</source>
        <translation>改变建议</translation>
    </message>
    <message>
        <source>Decided: {kind} ({how})</source>
        <translation>已确定：{kind}（{how}）</translation>
    </message>
    <message>
        <source>Fine: {fine} yuan</source>
        <translation>罚款：{fine}元</translation>
    </message>
    <message>
        <source>Reason for the override</source>
        <translation>改变建议的理由</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Proposed: {kind}</source>
        <translation>建议：{kind}</translation>
    </message>
    <message>
        <source>required by law (应当)</source>
        <translation>法律规定应当作出</translation>
    </message>
    <message>
        <source>a warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Discretion benchmark</source>
        <translation>裁量基准</translation>
    </message>
    <message>
        <source>Every rule&apos;s verdict</source>
        <translation>各项规则的判断</translation>
    </message>
</context>
<context>
    <name>ProvisionDialog</name>
    <message>
        <source>Legal basis: {item}</source>
        <translation>检查依据：{item}</translation>
    </message>
    <message>
        <source>This item cites no provision.</source>
        <translation>本项未引用法律条文。</translation>
    </message>
    <message>
        <source>{law}, version of {version}</source>
        <translation>{law}（{version} 版）</translation>
    </message>
    <message>
        <source>This names no article of a law (《…》第…条).</source>
        <translation>未指明法律条文（《…》第…条）。</translation>
    </message>
    <message>
        <source>The text of 《{law}》 is not on this laptop yet.</source>
        <translation>本机尚无《{law}》的文本。</translation>
    </message>
    <message>
        <source>《{law}》 ({version}) has no article {n}.</source>
        <translation>《{law}》（{version} 版）没有第 {n} 条。</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Business</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Filter: business, inspector, department (Ctrl+F)</source>
        <translation>筛选：经营主体、执法人员、部门（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Non-compliant only</source>
        <translation>仅看有不符合项(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Resubmitted only</source>
        <translation>仅看重新提交(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;With documents</source>
        <translation>有文书(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Filter the queue</source>
        <translation>筛选队列(&amp;F)</translation>
    </message>
    <message>
        <source>Go to the &amp;queue</source>
        <translation>转到队列(&amp;Q)</translation>
    </message>
    <message>
        <source>N&amp;ext visit</source>
        <translation>下一个检查(&amp;E)</translation>
    </message>
    <message>
        <source>P&amp;revious visit</source>
        <translation>上一个检查(&amp;R)</translation>
    </message>
    <message>
        <source>{n} waiting · {shown} shown · {bad} with non-compliance · {again} resubmitted</source>
        <translation>待审核 {n} · 显示 {shown} · 有不符合项 {bad} · 重新提交 {again}</translation>
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
    <name>ResultModel</name>
    <message>
        <source>Provisions</source>
        <translation>法律条文</translation>
    </message>
    <message>
        <source>Rule-pack entries (首违不罚 / 轻微免罚)</source>
        <translation>清单条目（首违不罚 / 轻微免罚）</translation>
    </message>
    <message>
        <source>Check items</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <source>{kind} ({shown} of {total} shown)</source>
        <translation>{kind}（共 {total} 项，显示 {shown} 项）</translation>
    </message>
    <message>
        <source>{kind} ({total})</source>
        <translation>{kind}（{total}）</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Check item</source>
        <translation>检查事项</translation>
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
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Lead&apos;s comment</source>
        <translation>组长意见</translation>
    </message>
    <message>
        <source>No photos for this item</source>
        <translation>此事项没有照片</translation>
    </message>
    <message>
        <source>Enter or Ctrl+Shift+V: the full view</source>
        <translation>回车或 Ctrl+Shift+V：查看大图</translation>
    </message>
    <message>
        <source>What to correct in this item (F2; Enter goes to the next item)</source>
        <translation>此事项需改正的内容（F2；回车转到下一项）</translation>
    </message>
    <message>
        <source>Comment on the whole visit (Ctrl+Shift+O); a return needs a comment</source>
        <translation>对整次检查的意见（Ctrl+Shift+O）；退回须填写意见</translation>
    </message>
    <message>
        <source>&amp;Approve (Ctrl+Shift+A)</source>
        <translation>通过(&amp;A)（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Re&amp;turn with comments (Ctrl+Shift+Y)</source>
        <translation>退回并附意见(&amp;T)（Ctrl+Shift+Y）</translation>
    </message>
    <message>
        <source>Comment on the item</source>
        <translation>事项意见</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>通过(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;turn with comments</source>
        <translation>退回并附意见(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Comment on the item</source>
        <translation>对事项提意见(&amp;C)</translation>
    </message>
    <message>
        <source>Comment on the &amp;whole visit</source>
        <translation>对整次检查提意见(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Next item</source>
        <translation>下一项(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous item</source>
        <translation>上一项(&amp;P)</translation>
    </message>
    <message>
        <source>Go to the &amp;items</source>
        <translation>转到检查事项(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;View photos</source>
        <translation>查看照片(&amp;V)</translation>
    </message>
    <message>
        <source>Select a submitted visit in the queue to review it.</source>
        <translation>在队列中选择一个已提交的检查进行审核。</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>已签发</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>no number yet</source>
        <translation>尚无文号</translation>
    </message>
    <message>
        <source>No document issued</source>
        <translation>未签发文书</translation>
    </message>
    <message>
        <source>First submission: not reviewed yet</source>
        <translation>首次提交，尚未审核</translation>
    </message>
    <message>
        <source>Round {round} · {status} · submitted {at}</source>
        <translation>第{round}轮 · {status} · 提交于 {at}</translation>
    </message>
    <message>
        <source>Inspectors: {names}</source>
        <translation>执法人员：{names}</translation>
    </message>
    <message>
        <source>Checked in {start}, out {end} · {bad} non-compliant</source>
        <translation>签到 {start}，签退 {end} · 不符合 {bad} 项</translation>
    </message>
    <message>
        <source>Present: {people}</source>
        <translation>在场人员：{people}</translation>
    </message>
    <message>
        <source>The party said: {text}</source>
        <translation>当事人陈述：{text}</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>on the server</source>
        <translation>已上传服务器</translation>
    </message>
    <message>
        <source>waiting for sync</source>
        <translation>等待同步</translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>Round {round}: {decision} {at} ({state})</source>
        <translation>第{round}轮：{decision} {at}（{state}）</translation>
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
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>No action</source>
        <translation>无需处理</translation>
    </message>
    <message>
        <source>Risk reminder</source>
        <translation>风险提示</translation>
    </message>
    <message>
        <source>Order to correct</source>
        <translation>责令改正</translation>
    </message>
    <message>
        <source>No penalty</source>
        <translation>不予处罚</translation>
    </message>
    <message>
        <source>On-site penalty</source>
        <translation>当场处罚</translation>
    </message>
    <message>
        <source>Refer for a case</source>
        <translation>立案调查</translation>
    </message>
    <message>
        <source>Last return: {text}</source>
        <translation>上次退回意见：{text}</translation>
    </message>
    <message>
        <source>Measured: {values}</source>
        <translation>测量：{values}</translation>
    </message>
    <message>
        <source>Corrected on the spot</source>
        <translation>当场改正</translation>
    </message>
    <message>
        <source>Correct by {day}</source>
        <translation>限期 {day} 前改正</translation>
    </message>
    <message>
        <source>{n} photo(s) not on this laptop yet: sync</source>
        <translation>{n} 张照片尚未下载到本机：请同步</translation>
    </message>
    <message>
        <source>Asked in the last return: {text}</source>
        <translation>上次退回意见：{text}</translation>
    </message>
    <message>
        <source>Say what to correct: type a comment on an item (F2) or on the whole visit (Ctrl+Shift+O), then return it.</source>
        <translation>请说明需要改正的内容：对事项（F2）或整次检查（Ctrl+Shift+O）填写意见后再退回。</translation>
    </message>
    <message>
        <source>Approved; the review goes up with the next sync.</source>
        <translation>已通过；审核意见将在下次同步时上传。</translation>
    </message>
    <message>
        <source>Returned with comments; the review goes up with the next sync.</source>
        <translation>已退回并附意见；审核意见将在下次同步时上传。</translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>未保存：{why}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>SelfCheckPrinting</name>
    <message>
        <source>Self-check sheet ready.</source>
        <translation>合规体检自查表已生成。</translation>
    </message>
    <message>
        <source>Self-check sheet: {business}</source>
        <translation>合规体检自查表：{business}</translation>
    </message>
    <message>
        <source>Self-check sheet sent to the printer ({n} pages).</source>
        <translation>合规体检自查表已发送到打印机（共 {n} 页）。</translation>
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
        <source>The system&apos;s default printer ({name})</source>
        <translation>系统默认打印机（{name}）</translation>
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
    <name>SheetPreview</name>
    <message>
        <source>Page {n}</source>
        <translation>第 {n} 页</translation>
    </message>
    <message>
        <source>&amp;Print… (Ctrl+P)</source>
        <translation>打印(&amp;P)…（Ctrl+P）</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
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
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <source>Sign here with a pen, a finger or the mouse</source>
        <translation>请用手写笔、手指或者鼠标在此签名</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <source>Undo stroke</source>
        <translation>撤销一笔</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Record signature</source>
        <translation>保存签名</translation>
    </message>
    <message>
        <source>Witness&apos;s name and unit</source>
        <translation>见证人姓名及单位</translation>
    </message>
    <message>
        <source>Body camera file or other recording</source>
        <translation>执法记录仪文件或者其他音像记录</translation>
    </message>
    <message>
        <source>Record the party&apos;s refusal to sign</source>
        <translation>记录当事人拒绝签名</translation>
    </message>
    <message>
        <source>Signatures recorded</source>
        <translation>已记录的签名</translation>
    </message>
    <message>
        <source>Signer:</source>
        <translation>签名人：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>The party refuses to sign</source>
        <translation>当事人拒绝签名</translation>
    </message>
    <message>
        <source>Witness:</source>
        <translation>见证人：</translation>
    </message>
    <message>
        <source>Recording:</source>
        <translation>音像记录：</translation>
    </message>
    <message>
        <source>Recorded:</source>
        <translation>已记录：</translation>
    </message>
    <message>
        <source>{name} (inspector)</source>
        <translation>{name}（执法人员）</translation>
    </message>
    <message>
        <source>The party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>A witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <source>The witness&apos;s name and unit (required)</source>
        <translation>见证人姓名及单位（必填）</translation>
    </message>
    <message>
        <source>Who signs for the party (default: the representative at check-in)</source>
        <translation>代表当事人签名的人（默认为签到时登记的当事人代表）</translation>
    </message>
    <message>
        <source>{who}: refused to sign ({at}); witness: {proof}</source>
        <translation>{who}：拒绝签名（{at}）；见证：{proof}</translation>
    </message>
    <message>
        <source>{who}: signed {at}</source>
        <translation>{who}：已签名 {at}</translation>
    </message>
    <message>
        <source>Signature recorded</source>
        <translation>签名已保存</translation>
    </message>
    <message>
        <source>Refusal to sign recorded</source>
        <translation>拒绝签名已记录</translation>
    </message>
</context>
<context>
    <name>StatementEditor</name>
    <message>
        <source>The party&apos;s statement and how it was weighed</source>
        <translation>当事人的陈述、申辩及采纳情况</translation>
    </message>
    <message>
        <source>What the party stated and argued (陈述、申辩)</source>
        <translation>当事人陈述、申辩的内容</translation>
    </message>
    <message>
        <source>The party &amp;waived its right to state and defend</source>
        <translation>当事人放弃陈述、申辩权利(&amp;W)</translation>
    </message>
    <message>
        <source>Not weighed yet</source>
        <translation>尚未复核</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>予以采纳</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予采纳</translation>
    </message>
    <message>
        <source>Why it was accepted or not (printed in the decision)</source>
        <translation>采纳或者不予采纳的理由（载入决定书）</translation>
    </message>
    <message>
        <source>Save statement</source>
        <translation>保存陈述申辩</translation>
    </message>
    <message>
        <source>Recorded {at}</source>
        <translation>记录于 {at}</translation>
    </message>
</context>
<context>
    <name>StatisticsDialog</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>S&amp;tatistics…</source>
        <translation>统计(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>All my teams</source>
        <translation>我负责的全部小组</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>自定义起止日期</translation>
    </message>
    <message>
        <source>Everything synced</source>
        <translation>全部已同步数据</translation>
    </message>
    <message>
        <source>The month, quarter or year that holds this day</source>
        <translation>包含此日期的月、季度或年</translation>
    </message>
    <message>
        <source>&amp;Count again</source>
        <translation>重新统计(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>小组(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>Cont&amp;aining:</source>
        <translation>所在日期(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>到(&amp;O)：</translation>
    </message>
    <message>
        <source>Visits by month</source>
        <translation>按月检查户次</translation>
    </message>
    <message>
        <source>Problem-discovery rate by month (%)</source>
        <translation>按月问题发现率（%）</translation>
    </message>
    <message>
        <source>Visits by team</source>
        <translation>按小组检查户次</translation>
    </message>
    <message>
        <source>Check items before and after merging</source>
        <translation>合并前后的检查事项数</translation>
    </message>
    <message>
        <source>Dispositions by kind</source>
        <translation>按类别的处置</translation>
    </message>
    <message>
        <source>Documents issued by kind</source>
        <translation>按类别的已出具文书</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计数据</translation>
    </message>
    <message>
        <source>Teams and months</source>
        <translation>小组和月份</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>抽查计划</translation>
    </message>
    <message>
        <source>Colu&amp;mns:</source>
        <translation>列(&amp;M)：</translation>
    </message>
    <message>
        <source>Cop&amp;y the table</source>
        <translation>复制表格(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>统计(&amp;S)</translation>
    </message>
    <message>
        <source>Copy the &amp;table</source>
        <translation>复制表格(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy the selected figures</source>
        <translation>复制所选数据(&amp;C)</translation>
    </message>
    <message>
        <source>Visits planned</source>
        <translation>计划检查户次</translation>
    </message>
    <message>
        <source>Visits done</source>
        <translation>已完成检查户次</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Published (公示)</source>
        <translation>已公示</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Visits with a non-compliance</source>
        <translation>发现问题的户次</translation>
    </message>
    <message>
        <source>Problem-discovery rate (问题发现率)</source>
        <translation>问题发现率</translation>
    </message>
    <message>
        <source>Check items before merging</source>
        <translation>合并前检查事项数</translation>
    </message>
    <message>
        <source>Check items after merging</source>
        <translation>合并后检查事项数</translation>
    </message>
    <message>
        <source>Check items saved (减负率)</source>
        <translation>检查事项减负率</translation>
    </message>
    <message>
        <source>Departmental visits they stand for</source>
        <translation>相当于各部门分别检查的户次</translation>
    </message>
    <message>
        <source>Joint visits made</source>
        <translation>实际联合检查户次</translation>
    </message>
    <message>
        <source>Visits saved by joint tasks</source>
        <translation>联合检查减少的户次（进一次门、查多项事）</translation>
    </message>
    <message>
        <source>Follow-up visits overdue</source>
        <translation>逾期未复查</translation>
    </message>
    <message>
        <source>Publications overdue (20 working days)</source>
        <translation>逾期未公示（20个工作日）</translation>
    </message>
    <message>
        <source>No action</source>
        <translation>不予处理</translation>
    </message>
    <message>
        <source>Risk reminder (行政提示)</source>
        <translation>行政提示</translation>
    </message>
    <message>
        <source>Order to correct (责令改正)</source>
        <translation>责令改正</translation>
    </message>
    <message>
        <source>No penalty (不予处罚)</source>
        <translation>不予行政处罚</translation>
    </message>
    <message>
        <source>Penalty on the spot (当场处罚)</source>
        <translation>当场行政处罚</translation>
    </message>
    <message>
        <source>Referred for a case (立案)</source>
        <translation>立案调查</translation>
    </message>
    <message>
        <source>On-site record (现场笔录)</source>
        <translation>现场笔录</translation>
    </message>
    <message>
        <source>No-penalty decision (不予处罚决定书)</source>
        <translation>不予行政处罚决定书</translation>
    </message>
    <message>
        <source>On-the-spot penalty decision (当场处罚决定书)</source>
        <translation>当场行政处罚决定书</translation>
    </message>
    <message>
        <source>Credit repair notice (信用修复告知书)</source>
        <translation>信用修复告知书</translation>
    </message>
    <message>
        <source>Joint result notice (联合检查结果告知书)</source>
        <translation>联合检查结果告知书</translation>
    </message>
    <message>
        <source>Proof of service (送达回证)</source>
        <translation>送达回证</translation>
    </message>
    <message>
        <source>{done} of {planned} planned visits done, {published} published. Counted on this laptop on {as_of} from what was synced ({last}).</source>
        <translation>计划检查 {planned} 户次，已完成 {done} 户次，已公示 {published} 户次。于 {as_of} 在本机根据已同步的数据统计（{last}）。</translation>
    </message>
    <message>
        <source>last sync {at}</source>
        <translation>最近同步 {at}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>no plan</source>
        <translation>无计划</translation>
    </message>
    <message>
        <source>no team</source>
        <translation>无小组</translation>
    </message>
    <message>
        <source>Dispositions: {kind}</source>
        <translation>处置：{kind}</translation>
    </message>
    <message>
        <source>Documents issued: {kind}</source>
        <translation>已出具文书：{kind}</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <source>Problem-discovery rate</source>
        <translation>问题发现率</translation>
    </message>
    <message>
        <source>With a non-compliance</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>Before merging</source>
        <translation>合并前</translation>
    </message>
    <message>
        <source>After merging</source>
        <translation>合并后</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数量</translation>
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
    <name>TaskListPage</name>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Search business, USCC or department (Ctrl+F)</source>
        <translation>搜索经营主体、统一社会信用代码或部门（Ctrl+F）</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Credit risk class</source>
        <translation>信用风险分类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Find task</source>
        <translation>查找任务(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Clear search and filters</source>
        <translation>清除搜索和筛选(&amp;C)</translation>
    </message>
    <message>
        <source>Go to the task &amp;list</source>
        <translation>转到任务列表(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Upcoming</source>
        <translation>即将开始(&amp;U)</translation>
    </message>
    <message>
        <source>F&amp;ollow-ups due</source>
        <translation>待回访(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>已完成(&amp;D)</translation>
    </message>
    <message>
        <source>Needs &amp;attention</source>
        <translation>需要处理(&amp;A)</translation>
    </message>
    <message>
        <source>All task&amp;s</source>
        <translation>全部任务(&amp;S)</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>All credit classes</source>
        <translation>全部信用分类</translation>
    </message>
    <message>
        <source>Class {c}</source>
        <translation>{c}类</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>No task matches the search and filters. Ctrl+Shift+F clears them.</source>
        <translation>没有符合搜索和筛选条件的任务。按 Ctrl+Shift+F 清除。</translation>
    </message>
    <message>
        <source>No follow-up visit is due.</source>
        <translation>没有待回访的任务。</translation>
    </message>
    <message>
        <source>No task in this view.</source>
        <translation>此视图中没有任务。</translation>
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
        <source>Cancelled on the server</source>
        <translation>服务器已取消</translation>
    </message>
    <message>
        <source>Given to another team</source>
        <translation>已改派其他检查组</translation>
    </message>
    <message>
        <source>A – low risk</source>
        <extracomment>信用风险分类 colours as inspectors know them: 绿 A (low), 蓝 B, 橙 C, 红 D (high).</extracomment>
        <translation>A类（低风险）</translation>
    </message>
    <message>
        <source>B – ordinary risk</source>
        <translation>B类（一般风险）</translation>
    </message>
    <message>
        <source>C – elevated risk</source>
        <translation>C类（较高风险）</translation>
    </message>
    <message>
        <source>D – high risk</source>
        <translation>D类（高风险）</translation>
    </message>
    <message>
        <source>On the positive list (无事不扰): inspect only with a reason</source>
        <translation>列入正面清单（无事不扰）：无正当理由不主动检查</translation>
    </message>
    <message>
        <source>Credit risk class: {label}</source>
        <translation>信用风险分类：{label}</translation>
    </message>
    <message>
        <source>Overdue: the window closed on {day}</source>
        <translation>已逾期：检查期限已于 {day} 届满</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Depts</source>
        <translation>部门</translation>
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
    <name>VisitPage</name>
    <message>
        <source>Documents</source>
        <extracomment>Findings can be recorded in these states (after completion with a reason).</extracomment>
        <translation>执法文书</translation>
    </message>
    <message>
        <source>&amp;Visit</source>
        <translation>检查(&amp;V)</translation>
    </message>
    <message>
        <source>Check &amp;in…</source>
        <translation>签到开始检查(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Complete inspection</source>
        <translation>完成检查(&amp;C)</translation>
    </message>
    <message>
        <source>Record the &amp;opening…</source>
        <translation>记录表明身份与告知(&amp;O)…</translation>
    </message>
    <message>
        <source>Show the &amp;legal basis</source>
        <translation>查看检查依据(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Next item</source>
        <translation>下一项(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous item</source>
        <translation>上一项(&amp;P)</translation>
    </message>
    <message>
        <source>Go to the chec&amp;klist</source>
        <translation>转到检查事项(&amp;K)</translation>
    </message>
    <message>
        <source>Print the &amp;self-check sheet…</source>
        <translation>打印合规体检自查表(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Compliant</source>
        <translation>符合(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Non-compliant</source>
        <translation>不符合(&amp;N)</translation>
    </message>
    <message>
        <source>Not &amp;applicable</source>
        <translation>不适用(&amp;A)</translation>
    </message>
    <message>
        <source>Not chec&amp;ked</source>
        <translation>未检查(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Save result</source>
        <translation>保存结果(&amp;S)</translation>
    </message>
    <message>
        <source>Add &amp;photos…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View photos</source>
        <translation>查看照片(&amp;V)</translation>
    </message>
    <message>
        <source>Go to the n&amp;ote</source>
        <translation>转到备注(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Restore the kept entry</source>
        <translation>恢复保留的录入(&amp;R)</translation>
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
        <source>Reason for the change</source>
        <extracomment>Recording here needs a reason: the inspection was already closed.</extracomment>
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
        <source>{name} (legal representative)</source>
        <translation>{name}（法定代表人）</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>已签到，检查开始</translation>
    </message>
    <message>
        <source>Opening recorded</source>
        <translation>已记录表明身份与告知</translation>
    </message>
    <message>
        <source>Inspection completed</source>
        <translation>检查已完成</translation>
    </message>
</context>
<context>
    <name>VisitReview</name>
    <message>
        <source>Su&amp;bmit for review</source>
        <translation>提交审核(&amp;B)</translation>
    </message>
    <message>
        <source>Co-&amp;review on this laptop…</source>
        <translation>在本机现场审核(&amp;R)…</translation>
    </message>
    <message>
        <source>Returned by {lead} on {day} (round {round})</source>
        <translation>{lead}于 {day} 退回（第{round}轮）</translation>
    </message>
    <message>
        <source>{n} item(s) marked in the checklist have comments. Check in again (Ctrl+K), correct them, complete (Ctrl+Shift+K) and submit ({keys}).</source>
        <translation>检查清单中标记的 {n} 个事项有组长意见。请重新签到（Ctrl+K），改正后完成检查（Ctrl+Shift+K）并提交（{keys}）。</translation>
    </message>
    <message>
        <source>Returned in a co-review on this laptop: the server confirms the return at the next sync (F9); then check in again (Ctrl+K) and correct the marked items.</source>
        <translation>已在本机现场审核中退回：下次同步（F9）时由服务器确认退回；之后请重新签到（Ctrl+K）并改正标记的事项。</translation>
    </message>
    <message>
        <source>Lead&apos;s comment: {text}</source>
        <translation>组长意见：{text}</translation>
    </message>
    <message>
        <source>Submitted for review; it goes to the lead with the next sync.</source>
        <translation>已提交审核；下次同步时发送给组长。</translation>
    </message>
    <message>
        <source>Co-review locked; the laptop is {name}&apos;s again.</source>
        <translation>现场审核已锁定；本机已交还{name}使用。</translation>
    </message>
</context>
<context>
    <name>VisitTabs</name>
    <message>
        <source>Item</source>
        <translation>检查事项</translation>
    </message>
    <message>
        <source>Dispositions</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>处理(&amp;D)</translation>
    </message>
    <message>
        <source>Show the &amp;item</source>
        <translation>显示检查事项(&amp;I)</translation>
    </message>
    <message>
        <source>Show the &amp;dispositions</source>
        <translation>显示处理方式(&amp;D)</translation>
    </message>
    <message>
        <source>Show the si&amp;gnatures</source>
        <translation>显示签名(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Accept the proposal</source>
        <translation>采纳建议(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Override with the kind and reason given</source>
        <translation>按所选方式及理由改变建议(&amp;O)</translation>
    </message>
    <message>
        <source>Choose another &amp;kind…</source>
        <translation>选择其他处理方式(&amp;K)…</translation>
    </message>
    <message>
        <source>Edit the &amp;facts of the finding…</source>
        <translation>填写违法情节(&amp;F)…</translation>
    </message>
    <message>
        <source>Save the party&apos;s &amp;statement</source>
        <translation>保存当事人陈述申辩(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Record the signature</source>
        <translation>保存签名(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo the last stroke</source>
        <translation>撤销最后一笔(&amp;U)</translation>
    </message>
    <message>
        <source>C&amp;lear the pad</source>
        <translation>清除签名板(&amp;L)</translation>
    </message>
    <message>
        <source>Record the party&apos;s refusal to sig&amp;n</source>
        <translation>记录当事人拒绝签名(&amp;N)</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void document</source>
        <translation>作废文书</translation>
    </message>
    <message>
        <source>Void {title}? An issued document is never changed: it is voided with a reason, its number is recorded void and never used again; then issue a new one.</source>
        <translation>作废 {title}？已出具的文书不得修改：须写明理由予以作废，其文号记为作废、不再使用；然后重新出具新的文书。</translation>
    </message>
    <message>
        <source>Why is it voided? (e.g. a wrong fact, a spoiled printout)</source>
        <translation>作废理由（例如事实有误、打印损坏）</translation>
    </message>
    <message>
        <source>&amp;Void</source>
        <translation>作废(&amp;V)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Reason (required)</source>
        <translation>作废理由（必填）(&amp;R)</translation>
    </message>
</context>
<context>
    <name>WorkdayCalendar</name>
    <message>
        <source>Make-up working day (调休上班)</source>
        <translation>调休上班</translation>
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
<context>
    <name>lookup</name>
    <message>
        <source>&amp;Search provisions, rule packs and check items…</source>
        <translation>查询法律条文、清单和检查事项(&amp;S)…</translation>
    </message>
</context>
</TS>
