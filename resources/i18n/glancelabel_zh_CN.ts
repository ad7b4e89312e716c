<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Open a folder of images</source>
        <translation>打开图片文件夹</translation>
    </message>
    <message>
        <source>Sample folder</source>
        <translation>示例文件夹</translation>
    </message>
    <message>
        <source>The sample folder could not be copied: {error}</source>
        <translation>无法复制示例文件夹：{error}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>{folder} is not a folder.</source>
        <translation>{folder} 不是文件夹。</translation>
    </message>
    <message>
        <source>Project in use</source>
        <translation>项目正在使用中</translation>
    </message>
    <message>
        <source>Open it anyway?</source>
        <translation>仍要打开吗？</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>the log (no log file could be opened)</source>
        <translation>日志（无法打开日志文件）</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Something went wrong: {name}: {text}</source>
        <translation>出错了：{name}：{text}</translation>
    </message>
    <message>
        <source>Your work up to the last action is saved. The details are in {where}.</source>
        <translation>截至上一步操作的工作均已保存。详细信息见 {where}。</translation>
    </message>
    <message>
        <source>GlanceLabel: unexpected error</source>
        <translation>GlanceLabel：意外错误</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>&lt;b&gt;How to review&lt;/b&gt;&lt;ol style=&apos;margin-left: 12px&apos;&gt;&lt;li&gt;&lt;b&gt;Ask&lt;/b&gt;: I asks the AI about this image; Ctrl+B asks about many (Batch).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Decide&lt;/b&gt;: Enter or Y accepts the selected suggestion, N rejects it, Tab goes to the next one; M maps a label the project does not know to a class.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Space&lt;/b&gt; accepts what is left on the image, marks it done and shows the next image that needs review (X rejects what is left instead; 0 means no objects).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Spot-check&lt;/b&gt; (Review menu): review a random sample to learn how good the AI was; on a pass, accept the rest.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Export&lt;/b&gt; (Ctrl+E): COCO, YOLO and more, from the images marked done.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;1–9 or L on a selected suggestion changes its class only; dragging, resizing or nudging it changes its box only; it stays pending until Enter/Y accepts it as edited.&lt;/p&gt;&lt;p&gt;An image is done only when you say so: Space, X or 0, or D/→ after you decided or edited something on it with nothing left pending.&lt;/p&gt;</source>
        <translation>&lt;b&gt;如何审核&lt;/b&gt;&lt;ol style=&apos;margin-left: 12px&apos;&gt;&lt;li&gt;&lt;b&gt;询问&lt;/b&gt;：按 I 让 AI 标注当前图片；按 Ctrl+B 批量询问多张（批量运行）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;决定&lt;/b&gt;：回车或 Y 接受选中的建议，N 拒绝，Tab 转到下一个；M 把项目中没有的标签映射到某个类别。&lt;/li&gt;&lt;li&gt;&lt;b&gt;空格&lt;/b&gt;接受图片上剩下的建议，将图片标为已完成，并显示下一张需要审核的图片（X 则拒绝剩下的建议；0 表示无目标）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;抽检&lt;/b&gt;（审核菜单）：人工审核一份随机样本，了解 AI 的准确程度；通过后即可接受其余建议。&lt;/li&gt;&lt;li&gt;&lt;b&gt;导出&lt;/b&gt;（Ctrl+E）：从已完成的图片导出 COCO、YOLO 等格式。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;在选中的建议上按 1–9 或 L 只修改其类别；拖动、缩放或微移只修改其框；建议保持待定，直到按回车/Y 以“已修改”接受。&lt;/p&gt;&lt;p&gt;图片只有在你确认后才算完成：按空格、X 或 0，或在决定或修改过图片上的内容且没有待定建议后按 D/→。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>How to review, and the keys</source>
        <translation>如何审核，以及快捷键</translation>
    </message>
    <message>
        <source>Filter the keys (e.g. “space”, “class”, “zoom”)</source>
        <translation>筛选快捷键（例如“空格”“类别”“放大”）</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>No key matches the filter.</source>
        <translation>没有符合筛选条件的快捷键。</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>界面语言(&amp;I)：</translation>
    </message>
    <message>
        <source>The choice could not be saved: {error}</source>
        <translation>无法保存此选择：{error}</translation>
    </message>
    <message>
        <source>Saved. The new language applies when GlanceLabel starts again.</source>
        <translation>已保存。新语言将在 GlanceLabel 下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{image} is missing from the folder (moved or deleted).
Its labels are kept.</source>
        <translation>{image} 已不在文件夹中（被移动或删除）。
它的标注仍然保留。</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>{image} cannot be shown.
{problem}</source>
        <translation>无法显示 {image}。
{problem}</translation>
    </message>
    <message>
        <source>This image</source>
        <translation>此图片</translation>
    </message>
    <message>
        <source>{label} (unknown)</source>
        <translation>{label}（未知）</translation>
    </message>
    <message>
        <source>Undo: {change}</source>
        <translation>撤销：{change}</translation>
    </message>
    <message>
        <source>Redo: {change}</source>
        <translation>重做：{change}</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>Label a folder of images with AI help. Version {version}.
Your images are never changed; labels live in a project file beside them.</source>
        <translation>借助 AI 标注整个图片文件夹。版本 {version}。
图片本身从不会被修改；标注保存在图片旁边的项目文件中。</translation>
    </message>
    <message>
        <source>Open a folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Open the sample folder</source>
        <translation>打开示例文件夹</translation>
    </message>
    <message>
        <source>This folder is not there any more.</source>
        <translation>此文件夹已不存在。</translation>
    </message>
    <message>
        <source>Recent folders</source>
        <translation>最近的文件夹</translation>
    </message>
    <message>
        <source>No recent folders yet.</source>
        <translation>还没有最近的文件夹。</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>excluded</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>Left out of exports and spot-checks (E includes it again)</source>
        <translation>不参与导出和抽检（按 E 重新纳入）</translation>
    </message>
    <message>
        <source>missing from the folder</source>
        <translation>已不在文件夹中</translation>
    </message>
</context>
<context>
    <name>WindowWrites</name>
    <message>
        <source>Saved %n decision that was still waiting to be written when GlanceLabel stopped.</source>
        <translation>已保存 %n 个在 GlanceLabel 停止时仍待写入的决定。</translation>
    </message>
    <message>
        <source>Saved %n decisions that were still waiting to be written when GlanceLabel stopped.</source>
        <translation>已保存 %n 个在 GlanceLabel 停止时仍待写入的决定。</translation>
    </message>
    <message>
        <source>%n decision is not saved yet: it stays as made and is saved as soon as the project file can be written.</source>
        <translation>%n 个决定尚未保存：它保持原样，项目文件一可写入就会保存。</translation>
    </message>
    <message>
        <source>%n decisions are not saved yet: they stay as made and are saved as soon as the project file can be written.</source>
        <translation>%n 个决定尚未保存：它们保持原样，项目文件一可写入就会保存。</translation>
    </message>
    <message>
        <source>The undo history was cleared.</source>
        <translation>撤销历史已清空。</translation>
    </message>
    <message>
        <source>%n decision is not saved. Close the window and lose it?</source>
        <translation>%n 个决定未保存。关闭窗口并丢弃它吗？</translation>
    </message>
    <message>
        <source>%n decisions are not saved. Close the window and lose them?</source>
        <translation>%n 个决定未保存。关闭窗口并丢弃它们吗？</translation>
    </message>
    <message>
        <source>Decisions not saved</source>
        <translation>决定未保存</translation>
    </message>
    <message>
        <source>Not saved: %n decision</source>
        <translation>未保存：%n 个决定</translation>
    </message>
    <message>
        <source>Not saved: %n decisions</source>
        <translation>未保存：%n 个决定</translation>
    </message>
    <message>
        <source>Saving %n decision…</source>
        <translation>正在保存 %n 个决定…</translation>
    </message>
    <message>
        <source>Saving %n decisions…</source>
        <translation>正在保存 %n 个决定…</translation>
    </message>
    <message>
        <source>Shown already; written to the project file as soon as the background task ends its write.</source>
        <translation>已显示；后台任务结束写入后立即写入项目文件。</translation>
    </message>
    <message>
        <source>Written to the project file as soon as the background task ends its write; a change too large to show before is shown then.</source>
        <translation>后台任务结束写入后立即写入项目文件；太大而无法提前显示的更改届时再显示。</translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>the windows and widgets</source>
        <translation>窗口和控件</translation>
    </message>
    <message>
        <source>Qt for Python</source>
        <translation>Qt for Python</translation>
    </message>
    <message>
        <source>Qt for Python bindings</source>
        <translation>Qt for Python 绑定</translation>
    </message>
    <message>
        <source>image decoding</source>
        <translation>图片解码</translation>
    </message>
    <message>
        <source>HEIC/HEIF images</source>
        <translation>HEIC/HEIF 图片</translation>
    </message>
    <message>
        <source>the offline model</source>
        <translation>离线模型</translation>
    </message>
    <message>
        <source>offline text reading</source>
        <translation>离线文字识别</translation>
    </message>
    <message>
        <source>used by RapidOCR</source>
        <translation>供 RapidOCR 使用</translation>
    </message>
    <message>
        <source>Claude</source>
        <translation>Claude</translation>
    </message>
    <message>
        <source>OpenAI and compatible servers</source>
        <translation>OpenAI 及兼容服务器</translation>
    </message>
    <message>
        <source>arrays</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>project database helpers</source>
        <translation>项目数据库辅助</translation>
    </message>
    <message>
        <source>the project file</source>
        <translation>项目文件</translation>
    </message>
    <message>
        <source>user folders</source>
        <translation>用户文件夹</translation>
    </message>
    <message>
        <source>API keys in the OS keyring</source>
        <translation>系统密钥环中的 API 密钥</translation>
    </message>
    <message>
        <source>fast JSON</source>
        <translation>快速 JSON</translation>
    </message>
    <message>
        <source>YOLO data.yaml</source>
        <translation>YOLO data.yaml</translation>
    </message>
    <message>
        <source>command-line progress</source>
        <translation>命令行进度</translation>
    </message>
    <message>
        <source>project lock</source>
        <translation>项目锁</translation>
    </message>
    <message>
        <source>used by the SDKs</source>
        <translation>供 SDK 使用</translation>
    </message>
    <message>
        <source>the language</source>
        <translation>编程语言</translation>
    </message>
    <message>
        <source>About GlanceLabel</source>
        <translation>关于 GlanceLabel</translation>
    </message>
    <message>
        <source>Label local image folders with AI help, review every suggestion with one key, and measure how good the AI was. MIT licence.</source>
        <translation>借助 AI 标注本地图片文件夹，一键审核每条建议，并衡量 AI 的准确程度。MIT 许可证。</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Project file</source>
        <translation>项目文件</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <source>Where files live</source>
        <translation>文件位置</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Bundled components and their licences:</source>
        <translation>随附组件及其许可证：</translation>
    </message>
    <message>
        <source>{folder} does not exist yet; it is created when first needed.</source>
        <translation>{folder} 尚不存在；首次需要时会自动创建。</translation>
    </message>
    <message>
        <source>The folder {folder} could not be opened here; its path can be copied from above.</source>
        <translation>无法在此打开文件夹 {folder}；可以从上方复制其路径。</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>Class {n}</source>
        <translation>类别 {n}</translation>
    </message>
    <message>
        <source>Toggle tag {n}</source>
        <translation>切换图片标签 {n}</translation>
    </message>
    <message>
        <source>Glance: move to the tile left</source>
        <translation>速览：移到左边的图块</translation>
    </message>
    <message>
        <source>Glance: move to the tile right</source>
        <translation>速览：移到右边的图块</translation>
    </message>
    <message>
        <source>Glance: move to the tile up</source>
        <translation>速览：移到上面的图块</translation>
    </message>
    <message>
        <source>Glance: move to the tile down</source>
        <translation>速览：移到下面的图块</translation>
    </message>
    <message>
        <source>Glance review (a grid of one class)</source>
        <translation>速览审核（同一类别的网格）</translation>
    </message>
    <message>
        <source>Glance: accept the page (flipped tiles rejected), next page</source>
        <translation>速览：接受本页（翻转的图块被拒绝），下一页</translation>
    </message>
    <message>
        <source>Glance: flip the tile to reject / back</source>
        <translation>速览：翻转图块以拒绝 / 翻回</translation>
    </message>
    <message>
        <source>Glance: accept this tile alone</source>
        <translation>速览：只接受这个图块</translation>
    </message>
    <message>
        <source>Glance: give the tile class {n}</source>
        <translation>速览：将图块设为类别 {n}</translation>
    </message>
    <message>
        <source>Glance: next class</source>
        <translation>速览：下一个类别</translation>
    </message>
    <message>
        <source>Glance: previous class</source>
        <translation>速览：上一个类别</translation>
    </message>
    <message>
        <source>Glance: most uncertain / most confident first</source>
        <translation>速览：最不确定 / 最有把握的优先</translation>
    </message>
    <message>
        <source>Glance: undo the last page</source>
        <translation>速览：撤销上一页</translation>
    </message>
    <message>
        <source>Leave glance review</source>
        <translation>退出速览审核</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Open sample folder</source>
        <translation>打开示例文件夹</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Team server (Label Studio)…</source>
        <translation>团队服务器（Label Studio）…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Draw a box</source>
        <translation>画框</translation>
    </message>
    <message>
        <source>Delete box / reject suggestion</source>
        <translation>删除框 / 拒绝建议</translation>
    </message>
    <message>
        <source>Copy boxes</source>
        <translation>复制框</translation>
    </message>
    <message>
        <source>Paste boxes</source>
        <translation>粘贴框</translation>
    </message>
    <message>
        <source>Pick a class…</source>
        <translation>选择类别…</translation>
    </message>
    <message>
        <source>Next box</source>
        <translation>下一个框</translation>
    </message>
    <message>
        <source>Previous box</source>
        <translation>上一个框</translation>
    </message>
    <message>
        <source>Deselect / cancel</source>
        <translation>取消选择 / 取消</translation>
    </message>
    <message>
        <source>Nudge left (or previous image)</source>
        <translation>向左微移（或上一张图片）</translation>
    </message>
    <message>
        <source>Nudge right (or next image)</source>
        <translation>向右微移（或下一张图片）</translation>
    </message>
    <message>
        <source>Nudge up</source>
        <translation>向上微移</translation>
    </message>
    <message>
        <source>Nudge down</source>
        <translation>向下微移</translation>
    </message>
    <message>
        <source>Nudge left 10 px</source>
        <translation>向左微移 10 像素</translation>
    </message>
    <message>
        <source>Nudge right 10 px</source>
        <translation>向右微移 10 像素</translation>
    </message>
    <message>
        <source>Nudge up 10 px</source>
        <translation>向上微移 10 像素</translation>
    </message>
    <message>
        <source>Nudge down 10 px</source>
        <translation>向下微移 10 像素</translation>
    </message>
    <message>
        <source>Previous image</source>
        <translation>上一张图片</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>下一张图片</translation>
    </message>
    <message>
        <source>First image</source>
        <translation>第一张图片</translation>
    </message>
    <message>
        <source>Last image</source>
        <translation>最后一张图片</translation>
    </message>
    <message>
        <source>Search the image list</source>
        <translation>搜索图片列表</translation>
    </message>
    <message>
        <source>Done, no objects</source>
        <translation>完成，无目标</translation>
    </message>
    <message>
        <source>Exclude / include this image</source>
        <translation>排除 / 包含此图片</translation>
    </message>
    <message>
        <source>Tag this image…</source>
        <translation>给此图片加标签…</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>接受建议</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>拒绝建议</translation>
    </message>
    <message>
        <source>Accept all shown, next image</source>
        <translation>接受全部显示的建议，下一张图片</translation>
    </message>
    <message>
        <source>Reject all shown, next image</source>
        <translation>拒绝全部显示的建议，下一张图片</translation>
    </message>
    <message>
        <source>Map unknown label…</source>
        <translation>映射未知标签…</translation>
    </message>
    <message>
        <source>Ask the AI about this image</source>
        <translation>让 AI 标注此图片</translation>
    </message>
    <message>
        <source>Prompt…</source>
        <translation>提示词…</translation>
    </message>
    <message>
        <source>Examples in the prompt…</source>
        <translation>提示词中的示例…</translation>
    </message>
    <message>
        <source>Use this image as an example</source>
        <translation>将此图片用作示例</translation>
    </message>
    <message>
        <source>Batch…</source>
        <translation>批量运行…</translation>
    </message>
    <message>
        <source>Batch progress</source>
        <translation>批量运行进度</translation>
    </message>
    <message>
        <source>Consensus of two runs…</source>
        <translation>两次运行的共识…</translation>
    </message>
    <message>
        <source>Start spot-check…</source>
        <translation>开始抽检…</translation>
    </message>
    <message>
        <source>Leave spot-check</source>
        <translation>退出抽检</translation>
    </message>
    <message>
        <source>Extend the spot-check sample</source>
        <translation>扩大抽检样本</translation>
    </message>
    <message>
        <source>Quality report…</source>
        <translation>质量报告…</translation>
    </message>
    <message>
        <source>Train a local model…</source>
        <translation>训练本地模型…</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Keys to the next part of the window (image, panels)</source>
        <translation>键盘转到窗口的下一部分（图片、面板）</translation>
    </message>
    <message>
        <source>Keys to the previous part of the window</source>
        <translation>键盘转到窗口的上一部分</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About GlanceLabel</source>
        <translation>关于 GlanceLabel</translation>
    </message>
    <message>
        <source>The same key is listed twice.</source>
        <translation>同一个按键列出了两次。</translation>
    </message>
    <message>
        <source>{key} is already the shortcut of “{action}”; change that one first.</source>
        <translation>{key} 已是“{action}”的快捷键；请先修改那一项。</translation>
    </message>
    <message>
        <source>Give the selected box or suggestion class 1–9</source>
        <translation>将选中的框或建议设为类别 1–9</translation>
    </message>
    <message>
        <source>Toggle the image tag of class 1–9</source>
        <translation>切换类别 1–9 的图片标签</translation>
    </message>
    <message>
        <source>Glance: give the tile class 1–9</source>
        <translation>速览：将图块设为类别 1–9</translation>
    </message>
</context>
<context>
    <name>annotations_panel</name>
    <message>
        <source>Delete box</source>
        <translation>删除框</translation>
    </message>
    <message>
        <source>The class of the selected box (1–9 or L too)</source>
        <translation>选中框的类别（也可按 1–9 或 L）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected box (Delete)</source>
        <translation>删除选中的框（Delete）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>(no class)</source>
        <translation>（无类别）</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>the AI ({model})</source>
        <translation>AI（{model}）</translation>
    </message>
    <message>
        <source>the AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>edited, from {ai}</source>
        <translation>已修改，来自 {ai}</translation>
    </message>
    <message>
        <source>accepted from {ai}</source>
        <translation>接受自 {ai}</translation>
    </message>
    <message>
        <source>Box (x, y, w, h)</source>
        <translation>框 (x, y, w, h)</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>No boxes yet on {image}, the selected tile&apos;s image.</source>
        <translation>{image}（所选图块的图片）上还没有框。</translation>
    </message>
    <message>
        <source>{n} box on {image}, the selected tile&apos;s image</source>
        <translation>{image}（所选图块的图片）上有 {n} 个框</translation>
    </message>
    <message>
        <source>{n} boxes on {image}, the selected tile&apos;s image</source>
        <translation>{image}（所选图块的图片）上有 {n} 个框</translation>
    </message>
    <message>
        <source>No boxes on this image yet (W draws one).</source>
        <translation>此图片上还没有框（按 W 绘制）。</translation>
    </message>
    <message>
        <source>{n} box on this image</source>
        <translation>此图片上有 {n} 个框</translation>
    </message>
    <message>
        <source>{n} boxes on this image</source>
        <translation>此图片上有 {n} 个框</translation>
    </message>
    <message>
        <source>Select a box in the list first.</source>
        <translation>请先在列表中选中一个框。</translation>
    </message>
    <message>
        <source>Deleted 1 box (Ctrl+Z brings it back).</source>
        <translation>已删除 1 个框（Ctrl+Z 可恢复）。</translation>
    </message>
</context>
<context>
    <name>asking</name>
    <message>
        <source>Already asking the AI about {image}.</source>
        <translation>已在询问 AI：{image}。</translation>
    </message>
    <message>
        <source>Asking the AI about {image}…</source>
        <translation>正在询问 AI：{image}…</translation>
    </message>
    <message>
        <source>Asking the AI about {n} images…</source>
        <translation>正在向 AI 询问 {n} 张图片…</translation>
    </message>
    <message>
        <source>Ask the AI</source>
        <translation>询问 AI</translation>
    </message>
    <message>
        <source>{missing} {offer}</source>
        <translation>{missing}{offer}</translation>
    </message>
    <message>
        <source>Switched to the offline local engine, {engine} (Settings → AI provider switches back). </source>
        <translation>已切换到离线本地引擎：{engine}（在 设置 → AI 服务商 中可切换回去）。</translation>
    </message>
    <message>
        <source>The request failed: {reason}</source>
        <translation>请求失败：{reason}</translation>
    </message>
</context>
<context>
    <name>batch</name>
    <message>
        <source>Images not done and not asked yet</source>
        <translation>未完成且尚未询问过的图片</translation>
    </message>
    <message>
        <source>Images without annotations or suggestions</source>
        <translation>没有标注或建议的图片</translation>
    </message>
    <message>
        <source>The selected images</source>
        <translation>选中的图片</translation>
    </message>
    <message>
        <source>Images not done (asks again about those with suggestions)</source>
        <translation>未完成的图片（已有建议的会重新询问）</translation>
    </message>
    <message>
        <source>Every image, done ones too (asks again about reviewed images)</source>
        <translation>全部图片，包括已完成的（已审核的也会重新询问）</translation>
    </message>
    <message>
        <source>No image to ask about: every image is done, excluded or has suggestions already. To ask again, choose another set of images above.</source>
        <translation>没有需要询问的图片：每张图片都已完成、已排除或已有建议。要重新询问，请在上方选择另一组图片。</translation>
    </message>
    <message>
        <source>Every image has annotations or suggestions already.</source>
        <translation>每张图片都已有标注或建议。</translation>
    </message>
    <message>
        <source>No image is in this choice.</source>
        <translation>所选范围内没有图片。</translation>
    </message>
    <message>
        <source>Choose at least one class to ask for.</source>
        <translation>请至少选择一个要询问的类别。</translation>
    </message>
    <message>
        <source>No estimate: {error}</source>
        <translation>无法估算：{error}</translation>
    </message>
    <message>
        <source>Ask the AI about many images</source>
        <translation>让 AI 批量标注多张图片</translation>
    </message>
    <message>
        <source>the provider&apos;s default model</source>
        <translation>服务商的默认模型</translation>
    </message>
    <message>
        <source>default endpoint</source>
        <translation>默认地址</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限制</translation>
    </message>
    <message>
        <source>learn from the provider</source>
        <translation>从服务商获取</translation>
    </message>
    <message>
        <source>$</source>
        <translation>$</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>无上限</translation>
    </message>
    <message>
        <source>Ask again even when an answer is cached (costs money)</source>
        <translation>即使已缓存回答也重新询问（会产生费用）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Ask a second model about the same images, then keep what both agree on (disputed ones are reviewed first)</source>
        <translation>让第二个模型标注同样的图片，然后保留两者一致的结果（有分歧的优先审核）</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>数量上限</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>并发数</translation>
    </message>
    <message>
        <source>Requests / minute</source>
        <translation>每分钟请求数</translation>
    </message>
    <message>
        <source>Spending cap</source>
        <translation>花费上限</translation>
    </message>
    <message>
        <source>Examples per class</source>
        <translation>每个类别的示例数</translation>
    </message>
    <message>
        <source>Second provider</source>
        <translation>第二个服务商</translation>
    </message>
    <message>
        <source>Second model</source>
        <translation>第二个模型</translation>
    </message>
    <message>
        <source>Second base URL</source>
        <translation>第二个服务地址</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Submit to Batch API (½ price)</source>
        <translation>提交到 Batch API（半价）</translation>
    </message>
    <message>
        <source>Use the local engine</source>
        <translation>使用本地引擎</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>正在估算…</translation>
    </message>
    <message>
        <source>Could not refresh the Batch API status: {error}</source>
        <translation>未能刷新 Batch API 状态：{error}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>重试失败项</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Refresh Batch API status</source>
        <translation>刷新 Batch API 状态</translation>
    </message>
    <message>
        <source>Collect Batch API results</source>
        <translation>获取 Batch API 结果</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败项</translation>
    </message>
    <message>
        <source>Batch API jobs</source>
        <translation>Batch API 任务</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>The second model was not asked: the first run did not finish or asked about no image.</source>
        <translation>未询问第二个模型：第一次运行没有完成，或没有询问任何图片。</translation>
    </message>
    <message>
        <source>No consensus was built: the second run did not finish.</source>
        <translation>未生成共识：第二次运行没有完成。</translation>
    </message>
    <message>
        <source>Paused: requests in flight finish, no new ones are sent.</source>
        <translation>已暂停：已发出的请求会完成，不再发送新请求。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>No batch run in this project yet.</source>
        <translation>此项目中还没有批量运行。</translation>
    </message>
    <message>
        <source>{state}. {run}</source>
        <translation>{state}。{run}</translation>
    </message>
    <message>
        <source>Could not run: {error}</source>
        <translation>无法运行：{error}</translation>
    </message>
    <message>
        <source>Collecting Batch API results…</source>
        <translation>正在获取 Batch API 结果…</translation>
    </message>
    <message>
        <source>No batch is ready to collect yet.</source>
        <translation>还没有可以获取结果的批次。</translation>
    </message>
    <message>
        <source>Could not collect: {error}</source>
        <translation>未能获取结果：{error}</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Paused at the cap</source>
        <translation>已在花费上限处暂停</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>正在取消</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>{state}.</source>
        <translation>{state}。</translation>
    </message>
    <message>
        <source>{state}: {message}</source>
        <translation>{state}：{message}</translation>
    </message>
    <message>
        <source>{done} answered, {cached} from the cache, {failed} failed, {remaining} remaining ({in_flight} in flight)</source>
        <translation>{done} 张已回答，{cached} 张来自缓存，{failed} 张失败，还剩 {remaining} 张（{in_flight} 个请求进行中）</translation>
    </message>
    <message>
        <source>{count} rate-limited</source>
        <translation>{count} 次受速率限制</translation>
    </message>
    <message>
        <source>{rate} image/minute</source>
        <translation>每分钟 {rate} 张图片</translation>
    </message>
    <message>
        <source>{rate} images/minute</source>
        <translation>每分钟 {rate} 张图片</translation>
    </message>
    <message>
        <source>, about {time} left</source>
        <translation>，约剩 {time}</translation>
    </message>
    <message>
        <source>; {count} rate-limited</source>
        <translation>；{count} 次受速率限制</translation>
    </message>
    <message>
        <source>{input} input / {output} output token, ${cost}</source>
        <translation>输入 {input} 个 token / 输出 {output} 个 token，${cost}</translation>
    </message>
    <message>
        <source>{input} input / {output} output tokens, ${cost}</source>
        <translation>输入 {input} 个 token / 输出 {output} 个 token，${cost}</translation>
    </message>
    <message>
        <source>{status} (collected)</source>
        <translation>{status}（已获取）</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>local</source>
        <translation>本地模型</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>已暂停。</translation>
    </message>
    <message>
        <source>Cancelling: requests in flight finish and are stored.</source>
        <translation>正在取消：已发出的请求会完成并保存。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Spending cap of ${cap} reached: the next request would pass it. Raise the cap to go on.</source>
        <translation>已达到 ${cap} 的花费上限：下一个请求会超出上限。请提高上限后继续。</translation>
    </message>
    <message>
        <source>The cost is unknown: the price table has no published price for {model} (add one to {file} in the settings folder to see costs).</source>
        <translation>费用未知：价格表中没有 {model} 的公开价格（在设置文件夹的 {file} 中添加价格即可看到费用）。</translation>
    </message>
    <message>
        <source>{count} image, {cached} already answered (free); {provider} / {model}</source>
        <translation>{count} 张图片，其中 {cached} 张已有回答（免费）；{provider} / {model}</translation>
    </message>
    <message>
        <source>{count} images, {cached} already answered (free); {provider} / {model}</source>
        <translation>{count} 张图片，其中 {cached} 张已有回答（免费）；{provider} / {model}</translation>
    </message>
    <message>
        <source>{count} image; {provider} / {model}</source>
        <translation>{count} 张图片；{provider} / {model}</translation>
    </message>
    <message>
        <source>{count} images; {provider} / {model}</source>
        <translation>{count} 张图片；{provider} / {model}</translation>
    </message>
    <message>
        <source>about {input:,} input and {output:,} output tokens</source>
        <translation>约 {input:,} 个输入 token 和 {output:,} 个输出 token</translation>
    </message>
    <message>
        <source>estimated cost ${now} now, ${batch} through the Batch API (results within 24 h)</source>
        <translation>预计费用：现在运行 ${now}，通过 Batch API ${batch}（24 小时内出结果）</translation>
    </message>
    <message>
        <source>{count} answered</source>
        <translation>{count} 张已回答</translation>
    </message>
    <message>
        <source>{count} from the cache</source>
        <translation>{count} 张来自缓存</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>{count} 张失败</translation>
    </message>
    <message>
        <source>{count} waiting at the provider</source>
        <translation>{count} 张在服务商处等待</translation>
    </message>
    <message>
        <source>{count} to go</source>
        <translation>还剩 {count} 张</translation>
    </message>
    <message>
        <source>{first}, {next}</source>
        <translation>{first}，{next}</translation>
    </message>
    <message>
        <source>Run {run} ({provider} / {model}, Batch API): {count} image, {parts}{hidden}.</source>
        <translation>运行 {run}（{provider} / {model}，Batch API）：{count} 张图片，{parts}{hidden}。</translation>
    </message>
    <message>
        <source>Run {run} ({provider} / {model}, Batch API): {count} images, {parts}{hidden}.</source>
        <translation>运行 {run}（{provider} / {model}，Batch API）：{count} 张图片，{parts}{hidden}。</translation>
    </message>
    <message>
        <source>Run {run} ({provider} / {model}): {count} image, {parts}{hidden}.</source>
        <translation>运行 {run}（{provider} / {model}）：{count} 张图片，{parts}{hidden}。</translation>
    </message>
    <message>
        <source>Run {run} ({provider} / {model}): {count} images, {parts}{hidden}.</source>
        <translation>运行 {run}（{provider} / {model}）：{count} 张图片，{parts}{hidden}。</translation>
    </message>
    <message>
        <source>; {count} expired request was sent again (batch {ids})</source>
        <translation>；{count} 个过期请求已重新发送（批次 {ids}）</translation>
    </message>
    <message>
        <source>; {count} expired requests were sent again (batch {ids})</source>
        <translation>；{count} 个过期请求已重新发送（批次 {ids}）</translation>
    </message>
    <message>
        <source>batch {batch}: {answers} ({suggestions}{hidden}), {failed} failed, {refused} refused, {skipped} already stored{resent}</source>
        <translation>批次 {batch}：{answers}（{suggestions}{hidden}），{failed} 个失败，{refused} 个被拒收，{skipped} 个早已保存{resent}</translation>
    </message>
    <message>
        <source>{count} answer stored</source>
        <translation>已保存 {count} 个回答</translation>
    </message>
    <message>
        <source>{count} answers stored</source>
        <translation>已保存 {count} 个回答</translation>
    </message>
    <message>
        <source>{count} suggestion</source>
        <translation>{count} 条建议</translation>
    </message>
    <message>
        <source>{count} suggestions</source>
        <translation>{count} 条建议</translation>
    </message>
    <message>
        <source>refused a result for {id}: not a request of this batch</source>
        <translation>拒收了 {id} 的结果：它不是此批次的请求</translation>
    </message>
    <message>
        <source>duplicate result {id}</source>
        <translation>重复的结果 {id}</translation>
    </message>
    <message>
        <source>{count} expired request could not be sent again ({reason}); it stays queued and the next `glancelabel batch submit` sends it.</source>
        <translation>{count} 个过期请求未能重新发送（{reason}）；它留在队列中，下一次 `glancelabel batch submit` 会发送它。</translation>
    </message>
    <message>
        <source>{count} expired requests could not be sent again ({reason}); they stay queued and the next `glancelabel batch submit` sends them.</source>
        <translation>{count} 个过期请求未能重新发送（{reason}）；它们留在队列中，下一次 `glancelabel batch submit` 会发送。</translation>
    </message>
    <message>
        <source>cached after the first requests</source>
        <translation>最初几个请求之后会被缓存</translation>
    </message>
    <message>
        <source>too short a prefix to be cached: paid in full every request</source>
        <translation>前缀太短，无法缓存：每个请求都全额计费</translation>
    </message>
    <message>
        <source>Examples: {count} example image, about {tokens:,} tokens a request ({how})</source>
        <translation>示例：{count} 张示例图片，每个请求约 {tokens:,} 个 token（{how}）</translation>
    </message>
    <message>
        <source>Examples: {count} example images, about {tokens:,} tokens a request ({how})</source>
        <translation>示例：{count} 张示例图片，每个请求约 {tokens:,} 个 token（{how}）</translation>
    </message>
    <message>
        <source>{head}.</source>
        <translation>{head}。</translation>
    </message>
    <message>
        <source>, {percent} %</source>
        <translation>，{percent} %</translation>
    </message>
    <message>
        <source>{head}: ${cost} with them, ${without} without{share}.</source>
        <translation>{head}：含示例 ${cost}，不含示例 ${without}{share}。</translation>
    </message>
</context>
<context>
    <name>batch status</name>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>validating</source>
        <translation>校验中</translation>
    </message>
    <message>
        <source>in_progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>finalizing</source>
        <translation>收尾中</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>canceling</source>
        <translation>正在取消</translation>
    </message>
    <message>
        <source>cancelling</source>
        <translation>正在取消</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>batch_controller</name>
    <message>
        <source>A batch run is going: pause or cancel it in the Batch panel first.</source>
        <translation>批量运行正在进行：请先在“批量”面板中暂停或取消。</translation>
    </message>
    <message>
        <source>Batch runs</source>
        <translation>批量运行</translation>
    </message>
    <message>
        <source>A batch run is already going.</source>
        <translation>已有批量运行正在进行。</translation>
    </message>
    <message>
        <source>Submitting to the provider&apos;s Batch API…</source>
        <translation>正在提交到服务商的 Batch API…</translation>
    </message>
    <message>
        <source>{n} batch job</source>
        <translation>{n} 个 Batch API 任务</translation>
    </message>
    <message>
        <source>{n} batch jobs</source>
        <translation>{n} 个 Batch API 任务</translation>
    </message>
    <message>
        <source>, {n} answer from the cache</source>
        <translation>，{n} 个回答来自缓存</translation>
    </message>
    <message>
        <source>, {n} answers from the cache</source>
        <translation>，{n} 个回答来自缓存</translation>
    </message>
    <message>
        <source>Run {run}: {jobs} submitted{cache}. Refresh the status in the Batch runs panel.</source>
        <translation>运行 {run}：已提交 {jobs}{cache}。请在“批量运行”面板中刷新状态。</translation>
    </message>
    <message>
        <source>The batch could not be submitted: {reason}</source>
        <translation>无法提交批量任务：{reason}</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>stopped at the spending cap</source>
        <translation>因达到花费上限而停止</translation>
    </message>
    <message>
        <source>Batch run {run} {state}: {n} image answered, {failed} failed{hidden}.</source>
        <translation>批量运行 {run} {state}：{n} 张图片已回答，{failed} 张失败{hidden}。</translation>
    </message>
    <message>
        <source>Batch run {run} {state}: {n} images answered, {failed} failed{hidden}.</source>
        <translation>批量运行 {run} {state}：{n} 张图片已回答，{failed} 张失败{hidden}。</translation>
    </message>
    <message>
        <source>; {n} expired request was sent again</source>
        <translation>；{n} 个过期请求已重新发送</translation>
    </message>
    <message>
        <source>; {n} expired requests were sent again</source>
        <translation>；{n} 个过期请求已重新发送</translation>
    </message>
    <message>
        <source>Batch API results collected: {n} answer stored{again}.</source>
        <translation>已收取 Batch API 结果：保存了 {n} 个回答{again}。</translation>
    </message>
    <message>
        <source>Batch API results collected: {n} answers stored{again}.</source>
        <translation>已收取 Batch API 结果：保存了 {n} 个回答{again}。</translation>
    </message>
</context>
<context>
    <name>changes</name>
    <message>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Nothing to redo.</source>
        <translation>没有可重做的操作。</translation>
    </message>
    <message>
        <source>Undid: {change}.</source>
        <translation>已撤销：{change}。</translation>
    </message>
    <message>
        <source>Redid: {change}.</source>
        <translation>已重做：{change}。</translation>
    </message>
</context>
<context>
    <name>class_picker</name>
    <message>
        <source>Pick a class</source>
        <translation>选择类别</translation>
    </message>
    <message>
        <source>Type to filter, Enter to pick</source>
        <translation>输入以筛选，按回车选择</translation>
    </message>
</context>
<context>
    <name>consensus</name>
    <message>
        <source>This project needs two runs of models first (Ctrl+B asks a model about many images).</source>
        <translation>此项目需要先有两个模型的运行（按 Ctrl+B 让模型批量标注多张图片）。</translation>
    </message>
    <message>
        <source>Consensus of two runs</source>
        <translation>两次运行的共识</translation>
    </message>
    <message>
        <source>Run {id}: {provider} / {model}</source>
        <translation>运行 {id}：{provider} / {model}</translation>
    </message>
    <message>
        <source>First run</source>
        <translation>第一次运行</translation>
    </message>
    <message>
        <source>Second run</source>
        <translation>第二次运行</translation>
    </message>
    <message>
        <source>Boxes agree from IoU</source>
        <translation>框一致的 IoU 下限</translation>
    </message>
    <message>
        <source>Suggestions of the same class whose boxes overlap this much (image tags: the same class) become one agreed suggestion; the rest are disputed and come first in review.</source>
        <translation>同一类别且框重叠达到此程度的建议（图片标签：类别相同）合并为一条一致的建议；其余为有分歧的建议，审核时排在最前。</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Building the consensus…</source>
        <translation>正在构建共识…</translation>
    </message>
    <message>
        <source>Runs {a} and {b} have no new suggestions on images both looked at.</source>
        <translation>运行 {a} 和 {b} 在两者都查看过的图片上没有新的建议。</translation>
    </message>
    <message>
        <source>{count} suggestion</source>
        <translation>{count} 条建议</translation>
    </message>
    <message>
        <source>{count} suggestions</source>
        <translation>{count} 条建议</translation>
    </message>
    <message>
        <source>{count} image</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <source>{count} images</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <source>Runs {a} and {b} agree on {agreed} over {images}; {disputed} is disputed and reviewed first (consensus run {run}).</source>
        <translation>运行 {a} 和 {b} 在 {images}上对 {agreed}一致；{disputed} 条有分歧，将优先审核（共识运行 {run}）。</translation>
    </message>
    <message>
        <source>Runs {a} and {b} agree on {agreed} over {images}; {disputed} are disputed and reviewed first (consensus run {run}).</source>
        <translation>运行 {a} 和 {b} 在 {images}上对 {agreed}一致；{disputed} 条有分歧，将优先审核（共识运行 {run}）。</translation>
    </message>
    <message>
        <source>Both models agree: {first}, {second}.</source>
        <translation>两个模型一致：{first}，{second}。</translation>
    </message>
    <message>
        <source>{model} (no confidence)</source>
        <translation>{model}（无置信度）</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>有分歧</translation>
    </message>
    <message>
        <source>Choose another provider or model for the second run: the consensus needs two different models.</source>
        <translation>请为第二次运行选择其他服务商或模型：共识需要两个不同的模型。</translation>
    </message>
    <message>
        <source>The IoU at which boxes agree must be above 0 and at most 1.</source>
        <translation>判定框一致的 IoU 必须大于 0 且不超过 1。</translation>
    </message>
    <message>
        <source>Second model, on the same images:</source>
        <translation>第二个模型，针对相同的图片：</translation>
    </message>
    <message>
        <source>unknown (a model has no price in the table)</source>
        <translation>未知（价格表中缺少某个模型的价格）</translation>
    </message>
    <message>
        <source>Both models: estimated cost {now} now, {batch} through the Batch API.</source>
        <translation>两个模型：现在运行预计费用 {now}，通过 Batch API 预计 {batch}。</translation>
    </message>
</context>
<context>
    <name>editing</name>
    <message>
        <source>no class</source>
        <translation>无类别</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>请先打开一张图片。</translation>
    </message>
    <message>
        <source>Drag to draw a box (Esc cancels).</source>
        <translation>拖动以绘制框（Esc 取消）。</translation>
    </message>
    <message>
        <source>No box drawn: drag to draw one (W).</source>
        <translation>未绘制框：拖动以绘制（W）。</translation>
    </message>
    <message>
        <source>No box drawn: a box needs a class.</source>
        <translation>未绘制框：框必须有类别。</translation>
    </message>
    <message>
        <source>Drew a {name} box: 1–9 or L changes its class.</source>
        <translation>已绘制一个“{name}”框：按 1–9 或 L 更改其类别。</translation>
    </message>
    <message>
        <source>Class of the new box</source>
        <translation>新框的类别</translation>
    </message>
    <message>
        <source>This project has no classes yet. Name the class of this box (Esc cancels the box):</source>
        <translation>此项目还没有类别。请为这个框的类别命名（Esc 取消该框）：</translation>
    </message>
    <message>
        <source>The suggestion is now {name}; Enter or Y accepts it as edited.</source>
        <translation>该建议现在是 {name}；按回车或 Y 以“已修改”接受。</translation>
    </message>
    <message>
        <source>The suggestion has a new box; Enter or Y accepts it as edited.</source>
        <translation>该建议有了新的框；按回车或 Y 以“已修改”接受。</translation>
    </message>
    <message>
        <source>Select a box first (click it or press Tab).</source>
        <translation>请先选中一个框（单击或按 Tab）。</translation>
    </message>
    <message>
        <source>There is no class {n} yet: add classes in the Classes panel.</source>
        <translation>还没有类别 {n}：请在“类别”面板中添加类别。</translation>
    </message>
    <message>
        <source>Next box: {name}</source>
        <translation>下一个框：{name}</translation>
    </message>
    <message>
        <source>There are no classes yet: add one in the Classes panel.</source>
        <translation>还没有类别：请在“类别”面板中添加。</translation>
    </message>
    <message>
        <source>No box drawn.</source>
        <translation>未绘制框。</translation>
    </message>
    <message>
        <source>Copied {n} box.</source>
        <translation>已复制 {n} 个框。</translation>
    </message>
    <message>
        <source>Copied {n} boxes.</source>
        <translation>已复制 {n} 个框。</translation>
    </message>
    <message>
        <source>Nothing to paste: copy boxes with Ctrl+C first.</source>
        <translation>没有可粘贴的内容：请先用 Ctrl+C 复制框。</translation>
    </message>
    <message>
        <source>Pasted {n} box.</source>
        <translation>已粘贴 {n} 个框。</translation>
    </message>
    <message>
        <source>Pasted {n} boxes.</source>
        <translation>已粘贴 {n} 个框。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The disk holding the project file is full: free some space and try again; everything saved before is intact</source>
        <translation>存放项目文件的磁盘已满：请释放一些空间后重试；之前保存的内容完好无损</translation>
    </message>
    <message>
        <source>The project file cannot be written (it or its drive is read-only): make it writable, or keep the project elsewhere</source>
        <translation>无法写入项目文件（文件或其所在驱动器为只读）：请使其可写，或将项目保存到其他位置</translation>
    </message>
    <message>
        <source>The disk is full ({where}): free some space and try again</source>
        <translation>磁盘已满（{where}）：请释放一些空间后重试</translation>
    </message>
    <message>
        <source>{what} is on a read-only drive: choose a writable place</source>
        <translation>{what} 位于只读驱动器上：请选择可写入的位置</translation>
    </message>
    <message>
        <source>The system keyring could not be loaded ({reason}); set the API key in an environment variable instead.</source>
        <translation>无法加载系统密钥环（{reason}）；请改为在环境变量中设置 API 密钥。</translation>
    </message>
    <message>
        <source>No system keyring is available on this machine, so keys cannot be saved; set ANTHROPIC_API_KEY or OPENAI_API_KEY in the environment instead.</source>
        <translation>本机没有可用的系统密钥环，无法保存密钥；请改为在环境变量中设置 ANTHROPIC_API_KEY 或 OPENAI_API_KEY。</translation>
    </message>
    <message>
        <source>Keys are stored in the system keyring ({backend}).</source>
        <translation>密钥保存在系统密钥环中（{backend}）。</translation>
    </message>
    <message>
        <source>No {provider} API key: add one in Settings or set {variable}.</source>
        <translation>没有 {provider} API 密钥：请在设置中添加，或设置 {variable}。</translation>
    </message>
    <message>
        <source>No {provider} API key: set {variable} in the environment (this machine has no system keyring, so Settings cannot store one).</source>
        <translation>没有 {provider} API 密钥：请在环境变量中设置 {variable}（本机没有系统密钥环，设置中无法保存密钥）。</translation>
    </message>
    <message>
        <source>No system keyring is available on this machine, so keys cannot be saved here; set {variable} in the environment instead.</source>
        <translation>本机没有可用的系统密钥环，无法在此保存密钥；请改为在环境变量中设置 {variable}。</translation>
    </message>
    <message>
        <source>The key is empty.</source>
        <translation>密钥为空。</translation>
    </message>
    <message>
        <source>The keyring refused to store the key: {reason}.</source>
        <translation>密钥环拒绝保存密钥：{reason}。</translation>
    </message>
    <message>
        <source>The keyring refused to delete the key: {reason}.</source>
        <translation>密钥环拒绝删除密钥：{reason}。</translation>
    </message>
    <message>
        <source>There is no run {run} in this project.</source>
        <translation>此项目中没有运行 {run}。</translation>
    </message>
    <message>
        <source>Run {run} is itself a consensus; choose two runs of models.</source>
        <translation>运行 {run} 本身就是共识；请选择两个模型的运行。</translation>
    </message>
    <message>
        <source>Choose two different runs (both were run {run}).</source>
        <translation>请选择两个不同的运行（两者都是运行 {run}）。</translation>
    </message>
    <message>
        <source>The IoU threshold must be above 0 and at most 1, not {threshold}.</source>
        <translation>IoU 阈值必须大于 0 且不超过 1，而不是 {threshold}。</translation>
    </message>
    <message>
        <source>Choose &apos;agreed&apos; or &apos;disputed&apos; for only, not {only}.</source>
        <translation>only 请选择 &apos;agreed&apos; 或 &apos;disputed&apos;，而不是 {only}。</translation>
    </message>
    <message>
        <source>{provider} sent {what}; it was not read further.</source>
        <translation>{provider} 发来的{what}；未继续读取。</translation>
    </message>
    <message>
        <source>{provider} did not answer in time.</source>
        <translation>{provider} 未能及时回答。</translation>
    </message>
    <message>
        <source>Could not connect to {provider}: {reason}.</source>
        <translation>无法连接到 {provider}：{reason}。</translation>
    </message>
    <message>
        <source>{provider} rate limit reached: {detail}</source>
        <translation>已达到 {provider} 的速率限制：{detail}</translation>
    </message>
    <message>
        <source>{provider} is overloaded; try again later.</source>
        <translation>{provider} 负载过高；请稍后再试。</translation>
    </message>
    <message>
        <source>{provider} had a server error ({code}): {detail}</source>
        <translation>{provider} 服务器出错（{code}）：{detail}</translation>
    </message>
    <message>
        <source>{provider} asked to try again ({code}): {detail}</source>
        <translation>{provider} 要求重试（{code}）：{detail}</translation>
    </message>
    <message>
        <source>{provider} refused the API key: {detail}</source>
        <translation>{provider} 拒绝了 API 密钥：{detail}</translation>
    </message>
    <message>
        <source>{provider} denied permission: {detail}</source>
        <translation>{provider} 拒绝授权：{detail}</translation>
    </message>
    <message>
        <source>{provider} does not know this model or endpoint: {detail}</source>
        <translation>{provider} 不认识此模型或端点：{detail}</translation>
    </message>
    <message>
        <source>{provider} rejected the request ({code}): {detail}</source>
        <translation>{provider} 拒绝了请求（{code}）：{detail}</translation>
    </message>
    <message>
        <source>{provider} sent a response of an unexpected shape.</source>
        <translation>{provider} 返回的响应结构不符合预期。</translation>
    </message>
    <message>
        <source>{provider} sent a response that is not valid JSON.</source>
        <translation>{provider} 返回的响应不是有效的 JSON。</translation>
    </message>
    <message>
        <source>{provider} failed: {reason}</source>
        <translation>{provider} 出错：{reason}</translation>
    </message>
    <message>
        <source>the answer is larger than {limit:,} bytes</source>
        <translation>回答超过 {limit:,} 字节</translation>
    </message>
    <message>
        <source>No model is set for {provider}.</source>
        <translation>尚未为 {provider} 设置模型。</translation>
    </message>
    <message>
        <source>Anthropic sent a response that is not a message.</source>
        <translation>Anthropic 返回的响应不是消息。</translation>
    </message>
    <message>
        <source>Anthropic sent a message without content blocks.</source>
        <translation>Anthropic 返回的消息没有内容块。</translation>
    </message>
    <message>
        <source>The offline text engine (RapidOCR) is unavailable: {reason}. It supports Python below 3.13 only. A detector model (.onnx) can be used instead.</source>
        <translation>离线文字引擎（RapidOCR）不可用：{reason}。它只支持 3.13 以下的 Python。也可以改用检测模型（.onnx）。</translation>
    </message>
    <message>
        <source>The offline text engine (RapidOCR) is unavailable: {reason}. Install the rapidocr-onnxruntime package. A detector model (.onnx) can be used instead.</source>
        <translation>离线文字引擎（RapidOCR）不可用：{reason}。请安装 rapidocr-onnxruntime 包。也可以改用检测模型（.onnx）。</translation>
    </message>
    <message>
        <source>The offline text engine failed on this image: {reason}</source>
        <translation>离线文字引擎处理此图片时出错：{reason}</translation>
    </message>
    <message>
        <source>Unknown OpenAI API {api!r}; use one of {choices}.</source>
        <translation>未知的 OpenAI API“{api}”；请使用以下之一：{choices}。</translation>
    </message>
    <message>
        <source>{provider} sent a response that is not a response object.</source>
        <translation>{provider} 返回的响应不是 Responses 对象。</translation>
    </message>
    <message>
        <source>{provider} sent a response that is not a chat completion.</source>
        <translation>{provider} 返回的响应不是聊天补全结果。</translation>
    </message>
    <message>
        <source>{provider} sent a completion without choices.</source>
        <translation>{provider} 返回的补全结果中没有候选项。</translation>
    </message>
    <message>
        <source>{provider} sent a response without output.</source>
        <translation>{provider} 返回的响应没有输出。</translation>
    </message>
    <message>
        <source>{provider} could not answer ({code}): {detail}</source>
        <translation>{provider} 无法回答（{code}）：{detail}</translation>
    </message>
    <message>
        <source>{provider} sent an unfinished response (status {state}).</source>
        <translation>{provider} 返回了未完成的响应（状态 {state}）。</translation>
    </message>
    <message>
        <source>Unknown structured-output mode {mode!r}; use one of {choices}.</source>
        <translation>未知的结构化输出模式“{mode}”；请使用以下之一：{choices}。</translation>
    </message>
    <message>
        <source>The image {path} does not exist.</source>
        <translation>图片 {path} 不存在。</translation>
    </message>
    <message>
        <source>The image {name} could not be read: {reason}</source>
        <translation>无法读取图片 {name}：{reason}</translation>
    </message>
    <message>
        <source>The image {name} could not be decoded: {reason}</source>
        <translation>无法解码图片 {name}：{reason}</translation>
    </message>
    <message>
        <source>The image cannot be encoded within the provider&apos;s size limit.</source>
        <translation>无法在服务商的大小限制内编码此图片。</translation>
    </message>
    <message>
        <source>Unknown provider {name!r}; choose one of {choices}.</source>
        <translation>未知的服务商“{name}”；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>The class names file {path} could not be read: {reason}</source>
        <translation>无法读取类别名称文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>The class names file {path} lists no names.</source>
        <translation>类别名称文件 {path} 中没有任何名称。</translation>
    </message>
    <message>
        <source>The ONNX model {path} does not exist.</source>
        <translation>ONNX 模型 {path} 不存在。</translation>
    </message>
    <message>
        <source>onnxruntime is not available ({reason}); the ONNX engine cannot run.</source>
        <translation>onnxruntime 不可用（{reason}）；ONNX 引擎无法运行。</translation>
    </message>
    <message>
        <source>The ONNX model {name} could not be loaded: {reason}</source>
        <translation>无法加载 ONNX 模型 {name}：{reason}</translation>
    </message>
    <message>
        <source>The classifier&apos;s output has shape {shape}, not the layout [1, classes].</source>
        <translation>分类器输出的形状为 {shape}，而不是 [1, 类别数] 的布局。</translation>
    </message>
    <message>
        <source>The detector&apos;s output has shape {shape}, not the YOLO layout [1, 4 + classes, N].</source>
        <translation>检测器输出的形状为 {shape}，而不是 YOLO 布局 [1, 4 + 类别数, N]。</translation>
    </message>
    <message>
        <source>Choose either a fraction or a margin of error, not both.</source>
        <translation>请选择抽检比例或误差范围之一，不能同时选择。</translation>
    </message>
    <message>
        <source>The target acceptance must be above 0 and below 1 (for example 0.95).</source>
        <translation>目标接受率必须大于 0 且小于 1（例如 0.95）。</translation>
    </message>
    <message>
        <source>The minimum number of images per class must be at least 1.</source>
        <translation>每个类别的最少图片数至少为 1。</translation>
    </message>
    <message>
        <source>No image of this project has suggestions to spot-check.</source>
        <translation>此项目中没有带建议的图片可供抽检。</translation>
    </message>
    <message>
        <source>No image of this project has {only} suggestions to spot-check.</source>
        <translation>此项目中没有带{only}建议的图片可供抽检。</translation>
    </message>
    <message>
        <source>No image of run {run} has suggestions to spot-check.</source>
        <translation>运行 {run} 中没有带建议的图片可供抽检。</translation>
    </message>
    <message>
        <source>No image of run {run} has {only} suggestions to spot-check.</source>
        <translation>运行 {run} 中没有带{only}建议的图片可供抽检。</translation>
    </message>
    <message>
        <source>This project has no spot-check yet; create one first.</source>
        <translation>此项目还没有抽检；请先创建一个。</translation>
    </message>
    <message>
        <source>There is no spot-check {audit} in this project.</source>
        <translation>此项目中没有抽检 {audit}。</translation>
    </message>
    <message>
        <source>No reviewed sampled image holds the class {name}, so it has no verdict yet.</source>
        <translation>没有已审核的样本图片包含类别 {name}，因此它还没有结论。</translation>
    </message>
    <message>
        <source>The class {name} has not passed ({verdict}); only classes that passed can be accepted. Or force it.</source>
        <translation>类别 {name} 未通过（{verdict}）；只能接受已通过的类别。或强制执行。</translation>
    </message>
    <message>
        <source>The spot-check has not passed ({verdict}: {accepted} of {reviewed} reviewed of {count} sampled accepted, 95 % Wilson interval {low}–{high} against a target of {target}); {advice} Or force it.</source>
        <translation>抽检未通过（{verdict}：{count} 张样本中已审核 {reviewed} 张，接受 {accepted} 张，95% Wilson 置信区间 {low}–{high}，目标 {target}）；{advice}或强制执行。</translation>
    </message>
    <message>
        <source>No class has passed yet, so there is nothing to accept by class.</source>
        <translation>还没有类别通过，因此没有可按类别接受的内容。</translation>
    </message>
    <message>
        <source>No reviewed sampled image holds the class {name}; review the sample first.</source>
        <translation>没有已审核的样本图片包含类别 {name}；请先审核样本。</translation>
    </message>
    <message>
        <source>The class {name} has a verdict already ({verdict}); extending the sample for it would not change it.</source>
        <translation>类别 {name} 已有结论（{verdict}）；为它扩大样本不会改变结论。</translation>
    </message>
    <message>
        <source>Review the {count} sampled image holding {name} first; extend for it only when they leave its verdict open.</source>
        <translation>请先审核包含 {name} 的 {count} 张样本图片；只有它们仍无法定论时才为该类别扩大样本。</translation>
    </message>
    <message>
        <source>Review the {count} sampled images holding {name} first; extend for it only when they leave its verdict open.</source>
        <translation>请先审核包含 {name} 的 {count} 张样本图片；只有它们仍无法定论时才为该类别扩大样本。</translation>
    </message>
    <message>
        <source>The number of images to add must be at least 1.</source>
        <translation>要添加的图片数量至少为 1。</translation>
    </message>
    <message>
        <source>Every image of this project with suggestions is in the sample already; nothing is left to draw, so the verdict stays open at this target.</source>
        <translation>此项目中带建议的图片已全部在样本中；没有可再抽取的图片，因此在此目标下结论仍无定论。</translation>
    </message>
    <message>
        <source>Every image of this project with suggestions of {name} is in the sample already; nothing is left to draw, so the verdict stays open at this target.</source>
        <translation>此项目中带有 {name} 建议的图片已全部在样本中；没有可再抽取的图片，因此在此目标下结论仍无定论。</translation>
    </message>
    <message>
        <source>Every image of run {run} with suggestions is in the sample already; nothing is left to draw, so the verdict stays open at this target.</source>
        <translation>运行 {run} 中带建议的图片已全部在样本中；没有可再抽取的图片，因此在此目标下结论仍无定论。</translation>
    </message>
    <message>
        <source>Every image of run {run} with suggestions of {name} is in the sample already; nothing is left to draw, so the verdict stays open at this target.</source>
        <translation>运行 {run} 中带有 {name} 建议的图片已全部在样本中；没有可再抽取的图片，因此在此目标下结论仍无定论。</translation>
    </message>
    <message>
        <source>Nothing to undo: this spot-check has not accepted the rest.</source>
        <translation>没有可撤销的内容：此抽检尚未接受其余建议。</translation>
    </message>
    <message>
        <source>The record of that &apos;accept the rest&apos; is missing from the event log.</source>
        <translation>事件日志中缺少那次“接受其余建议”的记录。</translation>
    </message>
    <message>
        <source>Some of the labels the spot-check accepted were changed since; undo those changes first (in the app) or review them one by one.</source>
        <translation>抽检所接受的部分标注此后已被修改；请先（在应用中）撤销这些修改，或逐个审核。</translation>
    </message>
    <message>
        <source>The fraction to check must be above 0 and at most 1 (for example 0.2).</source>
        <translation>抽检比例必须大于 0 且不超过 1（例如 0.2）。</translation>
    </message>
    <message>
        <source>The margin of error must be above 0 and below 1 (for example 0.03).</source>
        <translation>误差范围必须大于 0 且小于 1（例如 0.03）。</translation>
    </message>
    <message>
        <source>Every image with suggestions is in the sample already; nothing is left to draw, so the verdict stays open at this target.</source>
        <translation>带建议的图片已全部在样本中；没有可再抽取的图片，因此在此目标下结论仍无定论。</translation>
    </message>
    <message>
        <source>Review the {count} image left in the sample first; extend it only when the whole sample leaves the verdict open.</source>
        <translation>请先审核样本中剩余的 {count} 张图片；只有整个样本仍无法定论时才扩大样本。</translation>
    </message>
    <message>
        <source>Review the {count} images left in the sample first; extend it only when the whole sample leaves the verdict open.</source>
        <translation>请先审核样本中剩余的 {count} 张图片；只有整个样本仍无法定论时才扩大样本。</translation>
    </message>
    <message>
        <source>The spot-check has a final verdict ({verdict}); extending the sample would not change it.</source>
        <translation>抽检已有最终结论（{verdict}）；扩大样本不会改变它。</translation>
    </message>
    <message>
        <source>{path} is not a GlanceLabel project file ({reason}).</source>
        <translation>{path} 不是 GlanceLabel 项目文件（{reason}）。</translation>
    </message>
    <message>
        <source>{path} was written by a newer GlanceLabel (schema {version}, this version knows up to {latest}); update GlanceLabel to open it. The file was not changed.</source>
        <translation>{path} 由更新版本的 GlanceLabel 写入（架构版本 {version}，本版本最高支持 {latest}）；请更新 GlanceLabel 后再打开。文件未被改动。</translation>
    </message>
    <message>
        <source>That image is not in the project.</source>
        <translation>该图片不在项目中。</translation>
    </message>
    <message>
        <source>A box needs at least one pixel of width and height.</source>
        <translation>框的宽度和高度至少要有一个像素。</translation>
    </message>
    <message>
        <source>That annotation no longer exists.</source>
        <translation>该标注已不存在。</translation>
    </message>
    <message>
        <source>A class name cannot be empty.</source>
        <translation>类别名称不能为空。</translation>
    </message>
    <message>
        <source>A class name can have at most {count} characters.</source>
        <translation>类别名称最多 {count} 个字符。</translation>
    </message>
    <message>
        <source>A class named {name!r} already exists.</source>
        <translation>已存在名为“{name}”的类别。</translation>
    </message>
    <message>
        <source>That class no longer exists.</source>
        <translation>该类别已不存在。</translation>
    </message>
    <message>
        <source>Choose another existing class to move the annotations to.</source>
        <translation>请选择另一个现有类别来接收这些标注。</translation>
    </message>
    <message>
        <source>This project is open in another GlanceLabel window (process {owner}). Close it there first, or open it anyway: both windows will save safely, but each will not see the other&apos;s edits until it reloads.</source>
        <translation>此项目已在另一个 GlanceLabel 窗口中打开（进程 {owner}）。请先在那里关闭，或仍然打开：两个窗口都能安全保存，但在重新加载之前互相看不到对方的修改。</translation>
    </message>
    <message>
        <source>This project is open in another GlanceLabel window. Close it there first, or open it anyway: both windows will save safely, but each will not see the other&apos;s edits until it reloads.</source>
        <translation>此项目已在另一个 GlanceLabel 窗口中打开。请先在那里关闭，或仍然打开：两个窗口都能安全保存，但在重新加载之前互相看不到对方的修改。</translation>
    </message>
    <message>
        <source>An empty label cannot be mapped.</source>
        <translation>空标签无法映射。</translation>
    </message>
    <message>
        <source>That mapping no longer exists.</source>
        <translation>该映射已不存在。</translation>
    </message>
    <message>
        <source>Not done: a larger change made just before it (shown only once saved) changes the same boxes or images and is still being saved; try again once the window shows it.</source>
        <translation>未完成：刚才的一项较大变更（保存后才显示）会改动相同的框或图片，仍在保存中；请等窗口显示它之后再试。</translation>
    </message>
    <message>
        <source>A decision could not be saved: {error}</source>
        <translation>一个决定未能保存：{error}</translation>
    </message>
    <message>
        <source>A decision made while a background task was writing was not saved: that task changed the same suggestions or images first; the window now shows what it wrote.</source>
        <translation>后台任务写入期间做出的一个决定未能保存：该任务先修改了相同的建议或图片；窗口现在显示的是它写入的内容。</translation>
    </message>
    <message>
        <source>The suggested label {label!r} is not a class yet: map it first (M).</source>
        <translation>建议的标签“{label}”还不是类别：请先映射它（M）。</translation>
    </message>
    <message>
        <source>That suggestion is already decided.</source>
        <translation>该建议已处理过。</translation>
    </message>
    <message>
        <source>The project has no class named {name!r}.</source>
        <translation>项目中没有名为“{name}”的类别。</translation>
    </message>
    <message>
        <source>The project does not know its image folder.</source>
        <translation>项目不知道它的图片文件夹在哪里。</translation>
    </message>
    <message>
        <source>The image {name} could not be read: {reason}.</source>
        <translation>无法读取图片 {name}：{reason}。</translation>
    </message>
    <message>
        <source>The answer was cut off at the output token limit before it held a complete suggestion.</source>
        <translation>回答在达到输出 token 上限时被截断，没有包含一条完整的建议。</translation>
    </message>
    <message>
        <source>The model did not answer with suggestions: {refusal}</source>
        <translation>模型没有给出建议：{refusal}</translation>
    </message>
    <message>
        <source>The answer did not follow the schema: {reason}.</source>
        <translation>回答不符合规定的结构：{reason}。</translation>
    </message>
    <message>
        <source>That image is no longer in the project.</source>
        <translation>该图片已不在项目中。</translation>
    </message>
    <message>
        <source>Asking about {name} was cancelled; nothing was sent.</source>
        <translation>已取消询问 {name}；没有发送任何内容。</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <source>Asking about {name} failed: {reason}</source>
        <translation>询问 {name} 失败：{reason}</translation>
    </message>
    <message>
        <source>{provider} has no Batch API; use anthropic or openai.</source>
        <translation>{provider} 没有 Batch API；请使用 anthropic 或 openai。</translation>
    </message>
    <message>
        <source>create the batch</source>
        <translation>创建批次</translation>
    </message>
    <message>
        <source>The project has no run {run}.</source>
        <translation>项目中没有运行 {run}。</translation>
    </message>
    <message>
        <source>The project has no batch {batch}.</source>
        <translation>项目中没有批次 {batch}。</translation>
    </message>
    <message>
        <source>report the batch status</source>
        <translation>报告批次状态</translation>
    </message>
    <message>
        <source>send the batch results</source>
        <translation>发送批次结果</translation>
    </message>
    <message>
        <source>cancel the batch</source>
        <translation>取消批次</translation>
    </message>
    <message>
        <source>This provider has no Batch API; use anthropic or openai, or run the requests directly with `suggest`.</source>
        <translation>此服务商没有 Batch API；请使用 anthropic 或 openai，或用 `suggest` 直接发送请求。</translation>
    </message>
    <message>
        <source>{provider} has no Batch API; use anthropic or openai, or run the requests directly with `suggest`.</source>
        <translation>{provider} 没有 Batch API；请使用 anthropic 或 openai，或用 `suggest` 直接发送请求。</translation>
    </message>
    <message>
        <source>The provider refused to {what} ({code}): {detail}</source>
        <translation>服务商拒绝{what}（{code}）：{detail}</translation>
    </message>
    <message>
        <source>The provider refused to {what}: {detail}</source>
        <translation>服务商拒绝{what}：{detail}</translation>
    </message>
    <message>
        <source>The local model {name} is registered at {path}, but that file is missing.</source>
        <translation>本地模型 {name} 登记在 {path}，但该文件不存在。</translation>
    </message>
    <message>
        <source>{value} is neither a local model of this project (its local models: {names}) nor an ONNX file.</source>
        <translation>{value} 既不是本项目的本地模型（本项目的本地模型：{names}），也不是 ONNX 文件。</translation>
    </message>
    <message>
        <source>Unknown scope {scope!r}; choose one of {choices}.</source>
        <translation>未知的范围“{scope}”；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>No images are selected.</source>
        <translation>没有选中任何图片。</translation>
    </message>
    <message>
        <source>Concurrency must be between 1 and 64.</source>
        <translation>并发数必须在 1 到 64 之间。</translation>
    </message>
    <message>
        <source>Rate limits cannot be negative.</source>
        <translation>速率限制不能为负数。</translation>
    </message>
    <message>
        <source>The limit must be at least 1 image.</source>
        <translation>数量上限至少为 1 张图片。</translation>
    </message>
    <message>
        <source>The spending cap cannot be negative.</source>
        <translation>花费上限不能为负数。</translation>
    </message>
    <message>
        <source>The pull from Label Studio project &apos;{title}&apos; stopped after applying {count} reviewed image: {reason}. The rest is pulled next time.</source>
        <translation>从 Label Studio 项目“{title}”的拉取在应用 {count} 张已审核图片后停止：{reason}。其余的下次拉取。</translation>
    </message>
    <message>
        <source>The pull from Label Studio project &apos;{title}&apos; stopped after applying {count} reviewed images: {reason}. The rest is pulled next time.</source>
        <translation>从 Label Studio 项目“{title}”的拉取在应用 {count} 张已审核图片后停止：{reason}。其余的下次拉取。</translation>
    </message>
    <message>
        <source>There is no Label Studio project named &apos;{ref}&apos; on {url}.</source>
        <translation>{url} 上没有名为“{ref}”的 Label Studio 项目。</translation>
    </message>
    <message>
        <source>Label Studio&apos;s export of project {project} is not a list of tasks.</source>
        <translation>Label Studio 对项目 {project} 的导出不是任务列表。</translation>
    </message>
    <message>
        <source>There is no Label Studio project with id {ref}.</source>
        <translation>没有 id 为 {ref} 的 Label Studio 项目。</translation>
    </message>
    <message>
        <source>A Label Studio project name needs at least 3 characters.</source>
        <translation>Label Studio 项目名称至少需要 3 个字符。</translation>
    </message>
    <message>
        <source>The project has no classes yet; add at least one before pushing.</source>
        <translation>项目还没有类别；推送前请至少添加一个。</translation>
    </message>
    <message>
        <source>Label Studio made {made} tasks for {count} images.</source>
        <translation>Label Studio 为 {count} 张图片创建了 {made} 个任务。</translation>
    </message>
    <message>
        <source>{path} is not under the server&apos;s document root {root}.</source>
        <translation>{path} 不在服务器的文档根目录 {root} 之下。</translation>
    </message>
    <message>
        <source>Team work needs the Label Studio SDK, which is not installed: install GlanceLabel with its team extra (pip install &apos;glancelabel[team]&apos;).</source>
        <translation>团队协作需要 Label Studio SDK，但它尚未安装：请连同 team 附加组件一起安装 GlanceLabel（pip install &apos;glancelabel[team]&apos;）。</translation>
    </message>
    <message>
        <source>No Label Studio server: set its URL in Settings → Team server or in {variable}.</source>
        <translation>没有 Label Studio 服务器：请在 设置 → 团队服务器 中或在 {variable} 中设置其 URL。</translation>
    </message>
    <message>
        <source>No Label Studio access token: paste one in Settings → Team server or set {variable}.</source>
        <translation>没有 Label Studio 访问令牌：请在 设置 → 团队服务器 中粘贴一个，或设置 {variable}。</translation>
    </message>
    <message>
        <source>The Label Studio server runs version {release}; GlanceLabel needs {oldest} or newer. Ask the server&apos;s owner to upgrade it.</source>
        <translation>Label Studio 服务器运行的是 {release} 版；GlanceLabel 需要 {oldest} 或更新版本。请让服务器的管理者升级。</translation>
    </message>
    <message>
        <source>The Label Studio server at {url} refused the access token{detail}; check the token in Settings → Team server.</source>
        <translation>位于 {url} 的 Label Studio 服务器拒绝了访问令牌{detail}；请在 设置 → 团队服务器 中检查令牌。</translation>
    </message>
    <message>
        <source>The Label Studio server at {url} does not allow this for this token{detail}.</source>
        <translation>位于 {url} 的 Label Studio 服务器不允许此令牌执行此操作{detail}。</translation>
    </message>
    <message>
        <source>{url} answered &apos;not found&apos;: it is not a Label Studio server, or the project or task is gone{detail}.</source>
        <translation>{url} 返回“未找到”：它不是 Label Studio 服务器，或项目或任务已不存在{detail}。</translation>
    </message>
    <message>
        <source>The Label Studio server at {url} failed with error {status}{detail}.</source>
        <translation>位于 {url} 的 Label Studio 服务器出错，错误码 {status}{detail}。</translation>
    </message>
    <message>
        <source>The Label Studio server at {url} refused the request ({status}){detail}.</source>
        <translation>位于 {url} 的 Label Studio 服务器拒绝了请求（{status}）{detail}。</translation>
    </message>
    <message>
        <source>Could not reach a Label Studio server at {url} ({reason}).</source>
        <translation>无法连接位于 {url} 的 Label Studio 服务器（{reason}）。</translation>
    </message>
    <message>
        <source>{url} did not answer like a Label Studio server ({name}).</source>
        <translation>{url} 的响应不像 Label Studio 服务器（{name}）。</translation>
    </message>
    <message>
        <source>Talking to the Label Studio server at {url} failed: {name}: {error}.</source>
        <translation>与位于 {url} 的 Label Studio 服务器通信失败：{name}：{error}。</translation>
    </message>
    <message>
        <source>{url} did not say its Label Studio version.</source>
        <translation>{url} 没有告知其 Label Studio 版本。</translation>
    </message>
    <message>
        <source>run `glancelabel train-env create` (or “Create the training environment” in the Train dialog)</source>
        <translation>请运行 `glancelabel train-env create`（或在训练对话框中点击“创建训练环境”）</translation>
    </message>
    <message>
        <source>The training environment is not ready.</source>
        <translation>训练环境尚未就绪。</translation>
    </message>
    <message>
        <source>This installation of GlanceLabel lacks its training worker ({worker}); reinstall it to train.</source>
        <translation>此 GlanceLabel 安装缺少训练程序（{worker}）；请重新安装后再训练。</translation>
    </message>
    <message>
        <source>The training environment is not set up ({env} has no Python); {hint}.</source>
        <translation>训练环境尚未设置（{env} 中没有 Python）；{hint}。</translation>
    </message>
    <message>
        <source>The training environment at {env} cannot run ({error}); {hint} again to repair it.</source>
        <translation>位于 {env} 的训练环境无法运行（{error}）；{hint}，再次执行即可修复。</translation>
    </message>
    <message>
        <source>The training environment at {env} lacks {packages}; {hint} again to repair it.</source>
        <translation>位于 {env} 的训练环境缺少 {packages}；{hint}，再次执行即可修复。</translation>
    </message>
    <message>
        <source>The training environment at {env} is broken ({error}); {hint} again to repair it.</source>
        <translation>位于 {env} 的训练环境已损坏（{error}）；{hint}，再次执行即可修复。</translation>
    </message>
    <message>
        <source>The training environment at {env} is broken (no answer); {hint} again to repair it.</source>
        <translation>位于 {env} 的训练环境已损坏（无响应）；{hint}，再次执行即可修复。</translation>
    </message>
    <message>
        <source>{python} is not a Python found on this computer.</source>
        <translation>{python} 不是在此计算机上找到的 Python。</translation>
    </message>
    <message>
        <source>No Python was found on PATH to make the training environment; install Python 3.10 or newer, or give its path with --python.</source>
        <translation>在 PATH 中找不到用于创建训练环境的 Python；请安装 Python 3.10 或更新版本，或用 --python 指定其路径。</translation>
    </message>
    <message>
        <source>{python} could not make a venv at {env}</source>
        <translation>{python} 无法在 {env} 创建虚拟环境</translation>
    </message>
    <message>
        <source>pip could not install {packages} into {env}</source>
        <translation>pip 无法将 {packages} 安装到 {env}</translation>
    </message>
    <message>
        <source>{failure} ({error}).</source>
        <translation>{failure}（{error}）。</translation>
    </message>
    <message>
        <source>Setting up the training environment was cancelled.</source>
        <translation>训练环境的设置已取消。</translation>
    </message>
    <message>
        <source>{failure} (exit {code}: {last}).</source>
        <translation>{failure}（退出码 {code}：{last}）。</translation>
    </message>
    <message>
        <source>The task must be detect or classify, not {task}.</source>
        <translation>任务必须是 detect 或 classify，而不是 {task}。</translation>
    </message>
    <message>
        <source>Train for at least 1 epoch.</source>
        <translation>至少训练 1 个轮次。</translation>
    </message>
    <message>
        <source>The image size must be between 32 and 4096 pixels.</source>
        <translation>图片尺寸必须在 32 到 4096 像素之间。</translation>
    </message>
    <message>
        <source>The val fraction must be between 0 and 1.</source>
        <translation>验证集比例必须在 0 到 1 之间。</translation>
    </message>
    <message>
        <source>The batch size must be at least 1.</source>
        <translation>批大小至少为 1。</translation>
    </message>
    <message>
        <source>No done images with boxes to train on; review some images first.</source>
        <translation>没有带框的已完成图片可供训练；请先审核一些图片。</translation>
    </message>
    <message>
        <source>No done images with tagged images (one tag each) to train on; review some images first.</source>
        <translation>没有带图片标签（每张一个）的已完成图片可供训练；请先审核一些图片。</translation>
    </message>
    <message>
        <source>No image is held out for val (it needs at least 2 done images, one reviewed by a person).</source>
        <translation>没有留出用于验证集的图片（至少需要 2 张已完成图片，其中一张由人审核）。</translation>
    </message>
    <message>
        <source>Training runs cannot be written to {root} ({error}); choose another folder.</source>
        <translation>训练运行无法写入 {root}（{error}）；请选择其他文件夹。</translation>
    </message>
    <message>
        <source>The split {text!r} must be two or three numbers, like 0.8,0.2 or 0.7,0.2,0.1.</source>
        <translation>划分“{text}”必须是两个或三个数字，例如 0.8,0.2 或 0.7,0.2,0.1。</translation>
    </message>
    <message>
        <source>A split has one to three parts: train, val and optionally test.</source>
        <translation>划分由一到三部分组成：训练集、验证集，以及可选的测试集。</translation>
    </message>
    <message>
        <source>Split fractions must not be negative, and train must be above 0.</source>
        <translation>划分比例不能为负数，且训练集必须大于 0。</translation>
    </message>
    <message>
        <source>Choose where to write the export.</source>
        <translation>请选择导出的位置。</translation>
    </message>
    <message>
        <source>Unknown export format {format!r}; choose one of {choices}.</source>
        <translation>未知的导出格式“{format}”；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Unknown link mode {link!r}; choose one of {choices}.</source>
        <translation>未知的链接方式“{link}”；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>YOLO classification needs the images inside class folders: choose copy, hardlink or symlink.</source>
        <translation>YOLO 分类需要把图片放进各类别的文件夹：请选择复制、硬链接或符号链接。</translation>
    </message>
    <message>
        <source>Upright copies need an export that writes images (YOLO, YOLO-cls or VOC with copy, hardlink or symlink).</source>
        <translation>摆正的副本需要会写出图片的导出（YOLO、YOLO-cls 或 VOC，并选择复制、硬链接或符号链接）。</translation>
    </message>
    <message>
        <source>{format} has no place for pending suggestions.</source>
        <translation>{format} 无法容纳待定的建议。</translation>
    </message>
    <message>
        <source>The export cannot replace the image folder itself ({path}).</source>
        <translation>导出不能替换图片文件夹本身（{path}）。</translation>
    </message>
    <message>
        <source>The export cannot go inside the project&apos;s .glancelabel folder.</source>
        <translation>导出不能放在项目的 .glancelabel 文件夹内。</translation>
    </message>
    <message>
        <source>An export with images inside the image folder would be scanned as new images; choose a place outside the folder, or leave the images in place (link: none).</source>
        <translation>放在图片文件夹内的带图片导出会被当作新图片扫描；请选择文件夹以外的位置，或让图片留在原处（链接：无）。</translation>
    </message>
    <message>
        <source>{path} is a file; a {format} export is a folder.</source>
        <translation>{path} 是文件；{format} 导出是一个文件夹。</translation>
    </message>
    <message>
        <source>{path} is a folder; a {format} export is one file.</source>
        <translation>{path} 是文件夹；{format} 导出是单个文件。</translation>
    </message>
    <message>
        <source>Unknown import format {format!r}; choose one of {choices}.</source>
        <translation>未知的导入格式“{format}”；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Import as &apos;annotations&apos; or as &apos;suggestions&apos;.</source>
        <translation>请导入为 &apos;annotations&apos;（标注）或 &apos;suggestions&apos;（建议）。</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}.</source>
        <translation>无法读取 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>无法读取 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{path} is not valid YAML (line {line}): {reason}.</source>
        <translation>{path} 不是有效的 YAML（第 {line} 行）：{reason}。</translation>
    </message>
    <message>
        <source>{path} is not valid YAML: {reason}.</source>
        <translation>{path} 不是有效的 YAML：{reason}。</translation>
    </message>
    <message>
        <source>{path}: &apos;names&apos; keys must be class numbers.</source>
        <translation>{path}：&apos;names&apos; 的键必须是类别编号。</translation>
    </message>
    <message>
        <source>{path} has no &apos;names&apos; list or mapping.</source>
        <translation>{path} 中没有 &apos;names&apos; 列表或映射。</translation>
    </message>
    <message>
        <source>Writing the annotations failed: {reason}.</source>
        <translation>写入标注失败：{reason}。</translation>
    </message>
    <message>
        <source>{path} is a folder; name the COCO JSON file to import.</source>
        <translation>{path} 是文件夹；请指定要导入的 COCO JSON 文件。</translation>
    </message>
    <message>
        <source>{path} is not a readable JSON file ({reason}).</source>
        <translation>{path} 不是可读取的 JSON 文件（{reason}）。</translation>
    </message>
    <message>
        <source>{name} is a COCO results list (detections without images); import the dataset file that lists the images, or a dataset with scores.</source>
        <translation>{name} 是 COCO 结果列表（只有检测结果，没有图片）；请导入列出图片的数据集文件，或带分数的数据集。</translation>
    </message>
    <message>
        <source>{name} is not a COCO dataset (no &apos;images&apos; list).</source>
        <translation>{name} 不是 COCO 数据集（没有 &apos;images&apos; 列表）。</translation>
    </message>
    <message>
        <source>{path} exists and is not a folder; choose another place.</source>
        <translation>{path} 已存在且不是文件夹；请选择其他位置。</translation>
    </message>
    <message>
        <source>{path} is not empty and is not a previous GlanceLabel export; choose an empty or new folder.</source>
        <translation>{path} 不是空文件夹，也不是以前的 GlanceLabel 导出；请选择空文件夹或新文件夹。</translation>
    </message>
    <message>
        <source>{path!r} is not a relative path inside the folder.</source>
        <translation>“{path}”不是文件夹内的相对路径。</translation>
    </message>
    <message>
        <source>{path!r} points outside {root}.</source>
        <translation>“{path}”指向 {root} 之外。</translation>
    </message>
    <message>
        <source>{where} declares a DOCTYPE or entities, which are refused.</source>
        <translation>{where} 声明了 DOCTYPE 或实体，已拒绝。</translation>
    </message>
    <message>
        <source>No labelme .json files found in {path}.</source>
        <translation>在 {path} 中没有找到 labelme .json 文件。</translation>
    </message>
    <message>
        <source>{name} is not a list of Label Studio tasks.</source>
        <translation>{name} 不是 Label Studio 任务列表。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消；没有写入任何内容。</translation>
    </message>
    <message>
        <source>No VOC .xml files found in {path}.</source>
        <translation>在 {path} 中没有找到 VOC .xml 文件。</translation>
    </message>
    <message>
        <source>{path} has no data.yaml or classes.txt naming the classes.</source>
        <translation>{path} 中没有列出类别的 data.yaml 或 classes.txt。</translation>
    </message>
</context>
<context>
    <name>examples</name>
    <message>
        <source>Each example is sent before the image in question: the reviewed image (at most 512 px) with its boxes drawn and named, and its answer listed as coordinates in that image&apos;s frame. Spot-check and held-out images are never examples.</source>
        <translation>每个示例都在所问的图片之前发送：已审核的图片（最长边不超过 512 像素），画出并标明它的框，并附上它的答案，坐标按该图片的画面给出。抽检图片和留出集图片永远不会用作示例。</translation>
    </message>
    <message>
        <source>Example {i}: {w} × {h} px, about {tokens} image tokens</source>
        <translation>示例 {i}：{w} × {h} 像素，约 {tokens} 个图像 token</translation>
    </message>
    <message>
        <source>{name}: {image} (picked)</source>
        <translation>{name}：{image}（已挑选）</translation>
    </message>
    <message>
        <source>{name}: {image} (picked, not sent)</source>
        <translation>{name}：{image}（已挑选，不发送）</translation>
    </message>
    <message>
        <source>{name}: {image} (picked for you)</source>
        <translation>{name}：{image}（为您挑选）</translation>
    </message>
    <message>
        <source>{name}: {image} (picked for you, not sent)</source>
        <translation>{name}：{image}（为您挑选，不发送）</translation>
    </message>
    <message>
        <source>Examples in the prompt</source>
        <translation>提示词中的示例</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Pick for me</source>
        <translation>替我挑选(&amp;P)</translation>
    </message>
    <message>
        <source>Keep the accepted and corrected images chosen for you as picked examples</source>
        <translation>将为你挑选的已接受和已修正图片保留为示例</translation>
    </message>
    <message>
        <source>&amp;Remove the picked example</source>
        <translation>移除所选示例(&amp;R)</translation>
    </message>
    <message>
        <source>Examples per &amp;class:</source>
        <translation>每个类别的示例数(&amp;C)：</translation>
    </message>
    <message>
        <source>No examples are sent (choose how many per class above).</source>
        <translation>不发送示例（请在上方选择每个类别的数量）。</translation>
    </message>
    <message>
        <source>Every image that can be an example is picked already.</source>
        <translation>所有可作为示例的图片都已挑选。</translation>
    </message>
    <message>
        <source>No image can be an example yet: accept or correct some suggestions first (spot-check and held-out images never are).</source>
        <translation>还没有可作为示例的图片：请先接受或修正一些建议（抽检图片和留出集图片永远不会用作示例）。</translation>
    </message>
    <message>
        <source>Kept {n} example picked for you.</source>
        <translation>已保留为您挑选的 {n} 个示例。</translation>
    </message>
    <message>
        <source>Kept {n} examples picked for you.</source>
        <translation>已保留为您挑选的 {n} 个示例。</translation>
    </message>
    <message>
        <source>{kept} {summary}</source>
        <translation>{kept}{summary}</translation>
    </message>
    <message>
        <source>Select a picked example to remove it.</source>
        <translation>请选择一个挑选的示例以移除它。</translation>
    </message>
    <message>
        <source>That example was picked for you; it is not kept, so there is nothing to remove.</source>
        <translation>该示例是自动为你挑选的，并未保存，因此无需移除。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>{image} is not reviewed yet; finish it (Space, X or 0) before using it as an example.</source>
        <translation>{image} 尚未审核；请先完成它（空格、X 或 0），再用作示例。</translation>
    </message>
    <message>
        <source>{image} is excluded from the dataset; include it (E) to use it as an example.</source>
        <translation>{image} 已从数据集中排除；请重新纳入（E）后再用作示例。</translation>
    </message>
    <message>
        <source>{image} is held out for validation, so it cannot be an example (the figures would see it).</source>
        <translation>{image} 被留出用于验证，因此不能作为示例（否则统计数据会受影响）。</translation>
    </message>
    <message>
        <source>{image} is in a spot-check sample, so it cannot be an example (the figures would see it).</source>
        <translation>{image} 在抽检样本中，因此不能作为示例（否则统计数据会受影响）。</translation>
    </message>
    <message>
        <source>Open an image to use it as an example.</source>
        <translation>请打开一张图片，将其用作示例。</translation>
    </message>
    <message>
        <source>{image} has no labelled boxes or tags to show as an example.</source>
        <translation>{image} 没有可作为示例展示的已标注框或图片标签。</translation>
    </message>
    <message>
        <source>Keeping {image} as an example…</source>
        <translation>正在将 {image} 保存为示例…</translation>
    </message>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <source>{image} is already an example of {classes}.</source>
        <translation>{image} 已经是 {classes} 的示例。</translation>
    </message>
    <message>
        <source>up to {n} example a class goes with each question</source>
        <translation>每个类别最多 {n} 个示例随每次询问发送</translation>
    </message>
    <message>
        <source>up to {n} examples a class go with each question</source>
        <translation>每个类别最多 {n} 个示例随每次询问发送</translation>
    </message>
    <message>
        <source>no examples are sent yet: choose how many in Review → Examples in the prompt</source>
        <translation>目前不发送示例：请在 审核 → 提示词中的示例 中选择数量</translation>
    </message>
    <message>
        <source>{image} is now an example of {classes}; {sent}.</source>
        <translation>{image} 现在是 {classes} 的示例；{sent}。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Images not reviewed yet too (default: done images only)</source>
        <translation>也包括尚未审核的图片（默认：只导出已完成的图片）</translation>
    </message>
    <message>
        <source>Pending suggestions too (as predictions / scores)</source>
        <translation>也包括待定的建议（作为预测 / 分数）</translation>
    </message>
    <message>
        <source>train,val[,test], e.g. 0.8,0.2</source>
        <translation>train,val[,test]，例如 0.8,0.2</translation>
    </message>
    <message>
        <source>Same class proportions in every split</source>
        <translation>每个划分中类别比例相同</translation>
    </message>
    <message>
        <source>Write upright copies of EXIF-rotated images</source>
        <translation>为按 EXIF 旋转的图片写入摆正的副本</translation>
    </message>
    <message>
        <source>all folders (or: sub/a, sub/b)</source>
        <translation>所有文件夹（或填写子文件夹：sub/a, sub/b）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写入到</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>数据集划分</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Image URL prefix</source>
        <translation>图片 URL 前缀</translation>
    </message>
    <message>
        <source>Only folders</source>
        <translation>仅限文件夹</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Choose at least one class.</source>
        <translation>请至少选择一个类别。</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation>导出到文件</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{stage}: {done} of {total}</source>
        <translation>{stage}：{done} / {total}</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>The export failed: {kind}: {reason} (details in the log file).</source>
        <translation>导出失败：{kind}：{reason}（详见日志文件）。</translation>
    </message>
    <message>
        <source>annotations</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>writing labels</source>
        <translation>写入标签文件</translation>
    </message>
    <message>
        <source>placing images</source>
        <translation>放置图片</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>读取</translation>
    </message>
</context>
<context>
    <name>formats</name>
    <message>
        <source>COCO detection JSON</source>
        <translation>COCO 检测 JSON</translation>
    </message>
    <message>
        <source>YOLO detection (Ultralytics layout)</source>
        <translation>YOLO 检测（Ultralytics 布局）</translation>
    </message>
    <message>
        <source>YOLO classification (a folder per class, from image tags)</source>
        <translation>YOLO 分类（每个类别一个文件夹，来自图片标签）</translation>
    </message>
    <message>
        <source>Pascal VOC XML</source>
        <translation>Pascal VOC XML</translation>
    </message>
    <message>
        <source>Label Studio JSON tasks</source>
        <translation>Label Studio JSON 任务</translation>
    </message>
    <message>
        <source>Suggestions JSON (for scripts)</source>
        <translation>建议 JSON（供脚本使用）</translation>
    </message>
    <message>
        <source>YOLO detection (data.yaml or classes.txt)</source>
        <translation>YOLO 检测（data.yaml 或 classes.txt）</translation>
    </message>
    <message>
        <source>labelme JSON</source>
        <translation>labelme JSON</translation>
    </message>
    <message>
        <source>hard links (no extra space; falls back to copies across drives)</source>
        <translation>硬链接（不占额外空间；跨驱动器时改为复制）</translation>
    </message>
    <message>
        <source>copies</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>symbolic links</source>
        <translation>符号链接</translation>
    </message>
    <message>
        <source>leave images in place (list files)</source>
        <translation>图片留在原处（列出文件）</translation>
    </message>
    <message>
        <source>Boxes are in the displayed (EXIF-rotated) frame, which Ultralytics, OpenCV&apos;s imread, CVAT and Label Studio show. Tools that read pixels with plain PIL Image.open (no exif_transpose) or torchvision.io.read_image ignore EXIF orientation: for them, write upright copies.</source>
        <translation>框坐标以显示方向（按 EXIF 旋转后）为准，Ultralytics、OpenCV 的 imread、CVAT 和 Label Studio 都按此显示。用普通 PIL Image.open（不调用 exif_transpose）或 torchvision.io.read_image 读取像素的工具会忽略 EXIF 方向：对它们请写入摆正的副本。</translation>
    </message>
    <message>
        <source>COCO detection</source>
        <translation>COCO 检测格式</translation>
    </message>
    <message>
        <source>box {id} has no class</source>
        <translation>框 {id} 没有类别</translation>
    </message>
    <message>
        <source>file_name is relative to the image folder; point your loader&apos;s image root at {folder}.</source>
        <translation>file_name 是相对于图片文件夹的路径；请将加载器的图片根目录设为 {folder}。</translation>
    </message>
    <message>
        <source>{count} suggestion had no confidence; written with score 1.0.</source>
        <translation>{count} 条建议没有置信度；以分数 1.0 写入。</translation>
    </message>
    <message>
        <source>{count} suggestions had no confidence; written with score 1.0.</source>
        <translation>{count} 条建议没有置信度；以分数 1.0 写入。</translation>
    </message>
    <message>
        <source>excluded images</source>
        <translation>已排除的图片</translation>
    </message>
    <message>
        <source>missing images</source>
        <translation>缺失的图片</translation>
    </message>
    <message>
        <source>unreadable images</source>
        <translation>无法读取的图片</translation>
    </message>
    <message>
        <source>images not reviewed yet (use all images to include them)</source>
        <translation>尚未审核的图片（选择“全部图片”可包含它们）</translation>
    </message>
    <message>
        <source>images whose size is not known yet (rescan)</source>
        <translation>尺寸尚未读取的图片（请重新扫描）</translation>
    </message>
    <message>
        <source>suggestion {id} ({label}) has no exported class</source>
        <translation>建议 {id}（{label}）没有导出的类别</translation>
    </message>
    <message>
        <source>{count} image tag is not part of {format} (it holds boxes only).</source>
        <translation>{count} 个图片标签不属于 {format}（它只包含框）。</translation>
    </message>
    <message>
        <source>{count} image tags are not part of {format} (it holds boxes only).</source>
        <translation>{count} 个图片标签不属于 {format}（它只包含框）。</translation>
    </message>
    <message>
        <source>boxes without a class</source>
        <translation>有无类别框的图片</translation>
    </message>
    <message>
        <source>images without a tag</source>
        <translation>没有图片标签的图片</translation>
    </message>
    <message>
        <source>images with several tags (classification needs one)</source>
        <translation>有多个图片标签的图片（分类只能有一个）</translation>
    </message>
    <message>
        <source>Left out {count} excluded image: {paths}{more}.</source>
        <translation>未导出 {count} 张已排除的图片：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} excluded images: {paths}{more}.</source>
        <translation>未导出 {count} 张已排除的图片：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} missing image: {paths}{more}.</source>
        <translation>未导出 {count} 张缺失的图片：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} missing images: {paths}{more}.</source>
        <translation>未导出 {count} 张缺失的图片：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} unreadable image: {paths}{more}.</source>
        <translation>未导出 {count} 张无法读取的图片：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} unreadable images: {paths}{more}.</source>
        <translation>未导出 {count} 张无法读取的图片：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} image not reviewed yet: {paths}{more} (include images not reviewed yet to export it).</source>
        <translation>未导出 {count} 张尚未审核的图片：{paths}{more}（勾选“也包括尚未审核的图片”即可导出）。</translation>
    </message>
    <message>
        <source>Left out {count} images not reviewed yet: {paths}{more} (include images not reviewed yet to export them).</source>
        <translation>未导出 {count} 张尚未审核的图片：{paths}{more}（勾选“也包括尚未审核的图片”即可导出）。</translation>
    </message>
    <message>
        <source>Left out {count} image whose size is not known yet: {paths}{more} (rescan the folder).</source>
        <translation>未导出 {count} 张尺寸尚未读取的图片：{paths}{more}（请重新扫描文件夹）。</translation>
    </message>
    <message>
        <source>Left out {count} images whose size is not known yet: {paths}{more} (rescan the folder).</source>
        <translation>未导出 {count} 张尺寸尚未读取的图片：{paths}{more}（请重新扫描文件夹）。</translation>
    </message>
    <message>
        <source>Left out {count} image without a tag: {paths}{more}.</source>
        <translation>未导出 {count} 张没有图片标签的图片：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} images without a tag: {paths}{more}.</source>
        <translation>未导出 {count} 张没有图片标签的图片：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} image with several tags (classification needs one): {paths}{more}.</source>
        <translation>未导出 {count} 张有多个图片标签的图片（分类只能有一个）：{paths}{more}。</translation>
    </message>
    <message>
        <source>Left out {count} images with several tags (classification needs one): {paths}{more}.</source>
        <translation>未导出 {count} 张有多个图片标签的图片（分类只能有一个）：{paths}{more}。</translation>
    </message>
    <message>
        <source>{count} image</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <source>{count} images</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <source>{count} box</source>
        <translation>{count} 个框</translation>
    </message>
    <message>
        <source>{count} boxes</source>
        <translation>{count} 个框</translation>
    </message>
    <message>
        <source>{count} tag</source>
        <translation>{count} 个图片标签</translation>
    </message>
    <message>
        <source>{count} tags</source>
        <translation>{count} 个图片标签</translation>
    </message>
    <message>
        <source>{count} suggestion</source>
        <translation>{count} 条建议</translation>
    </message>
    <message>
        <source>{count} suggestions</source>
        <translation>{count} 条建议</translation>
    </message>
    <message>
        <source>Exported {what} to {out} ({seconds} s).</source>
        <translation>已导出 {what} 到 {out}（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>Split: {counts}.</source>
        <translation>划分：{counts}。</translation>
    </message>
    <message>
        <source>Per class: {counts}.</source>
        <translation>按类别：{counts}。</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation>等另外 {count} 张</translation>
    </message>
    <message>
        <source>{count} image left out: boxes without a class ({paths}{more}); give it a class and export again.</source>
        <translation>排除了 {count} 张图片：有无类别的框（{paths}{more}）；请为框指定类别后重新导出。</translation>
    </message>
    <message>
        <source>{count} images left out: boxes without a class ({paths}{more}); give them a class and export again.</source>
        <translation>排除了 {count} 张图片：有无类别的框（{paths}{more}）；请为框指定类别后重新导出。</translation>
    </message>
    <message>
        <source>Left out {count} {reason}: {paths}{more}.</source>
        <translation>排除了 {count} 张{reason}：{paths}{more}。</translation>
    </message>
    <message>
        <source>{count} annotation</source>
        <translation>{count} 个标注</translation>
    </message>
    <message>
        <source>{count} annotations</source>
        <translation>{count} 个标注</translation>
    </message>
    <message>
        <source>{count} suggestion (run {run})</source>
        <translation>{count} 条建议（运行 {run}）</translation>
    </message>
    <message>
        <source>{count} suggestions (run {run})</source>
        <translation>{count} 条建议（运行 {run}）</translation>
    </message>
    <message>
        <source>Imported {what} on {images} from {source} ({seconds} s).</source>
        <translation>已从 {source} 在 {images}上导入 {what}（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>{count} image marked done.</source>
        <translation>{count} 张图片标为已完成。</translation>
    </message>
    <message>
        <source>{count} images marked done.</source>
        <translation>{count} 张图片标为已完成。</translation>
    </message>
    <message>
        <source>{count} already present, not added again.</source>
        <translation>{count} 项已存在，未重复添加。</translation>
    </message>
    <message>
        <source>New classes: {names}.</source>
        <translation>新类别：{names}。</translation>
    </message>
    <message>
        <source>Changed on import ({count}):</source>
        <translation>导入时有改动（{count}）：</translation>
    </message>
    <message>
        <source>  … and {count} more</source>
        <translation>  … 另有 {count} 项</translation>
    </message>
    <message>
        <source>{first}, {next}</source>
        <translation>{first}，{next}</translation>
    </message>
    <message>
        <source>  {where}: {reason}</source>
        <translation>  {where}：{reason}</translation>
    </message>
    <message>
        <source>Skipped {count}:</source>
        <translation>跳过 {count} 项：</translation>
    </message>
    <message>
        <source>  … and {count} more (all of them in --json)</source>
        <translation>  … 另有 {count} 项（完整列表见 --json）</translation>
    </message>
    <message>
        <source>Images with an EXIF rotation were written as upright copies. {help}</source>
        <translation>带 EXIF 旋转的图片已写为摆正的副本。{help}</translation>
    </message>
    <message>
        <source>{count} image was converted to PNG ({paths}{more}): Ultralytics cannot read {kinds} files.</source>
        <translation>{count} 张图片已转换为 PNG（{paths}{more}）：Ultralytics 无法读取 {kinds} 文件。</translation>
    </message>
    <message>
        <source>{count} images were converted to PNG ({paths}{more}): Ultralytics cannot read {kinds} files.</source>
        <translation>{count} 张图片已转换为 PNG（{paths}{more}）：Ultralytics 无法读取 {kinds} 文件。</translation>
    </message>
    <message>
        <source>could not be converted to PNG for the export: {reason}</source>
        <translation>无法为导出转换为 PNG：{reason}</translation>
    </message>
    <message>
        <source>YOLO detection</source>
        <translation>YOLO 检测格式</translation>
    </message>
    <message>
        <source>The {split} split is empty.</source>
        <translation>{split} 划分为空。</translation>
    </message>
    <message>
        <source>Ultralytics cannot read {count} listed image ({paths}): export with copies or links to get a PNG copy of it.</source>
        <translation>Ultralytics 无法读取列出的 {count} 张图片（{paths}）：请用复制或链接方式导出，以得到其 PNG 副本。</translation>
    </message>
    <message>
        <source>Ultralytics cannot read {count} listed images ({paths}): export with copies or links to get PNG copies of them.</source>
        <translation>Ultralytics 无法读取列出的 {count} 张图片（{paths}）：请用复制或链接方式导出，以得到它们的 PNG 副本。</translation>
    </message>
    <message>
        <source>No val split: data.yaml points val at the train images.</source>
        <translation>没有验证集：data.yaml 的 val 指向训练图片。</translation>
    </message>
    <message>
        <source>{count} image not reviewed yet has no boxes and no label file; Ultralytics treats an image without a label file as background.</source>
        <translation>{count} 张尚未审核的图片没有框，也没有标签文件；Ultralytics 会把没有标签文件的图片当作背景。</translation>
    </message>
    <message>
        <source>{count} images not reviewed yet have no boxes and no label file; Ultralytics treats an image without a label file as background.</source>
        <translation>{count} 张尚未审核的图片没有框，也没有标签文件；Ultralytics 会把没有标签文件的图片当作背景。</translation>
    </message>
    <message>
        <source>{count} image shares a name stem with another image of its folder; it is exported as NAME.EXT.EXT with labels NAME.EXT.txt so it has its own label file.</source>
        <translation>{count} 张图片与同一文件夹中的另一张图片主文件名相同；它导出为 NAME.EXT.EXT，标签为 NAME.EXT.txt，以便拥有自己的标签文件。</translation>
    </message>
    <message>
        <source>{count} images share a name stem with another image of their folder; they are exported as NAME.EXT.EXT with labels NAME.EXT.txt so each has its own label file.</source>
        <translation>{count} 张图片与同一文件夹中的另一张图片主文件名相同；它们导出为 NAME.EXT.EXT，标签为 NAME.EXT.txt，以便各自拥有标签文件。</translation>
    </message>
    <message>
        <source>Images left in place: train.txt/val.txt list them, labels are under labels/. Ultralytics looks for labels by replacing /images/ with /labels/ in image paths, so to train with it export with copy, hardlink or symlink.</source>
        <translation>图片保留在原处：train.txt/val.txt 列出它们，标签位于 labels/ 下。Ultralytics 通过把图片路径中的 /images/ 替换为 /labels/ 来查找标签，因此要用它训练，请以复制、硬链接或符号链接方式导出。</translation>
    </message>
    <message>
        <source>links outside the dataset folder</source>
        <translation>链接指向数据集文件夹之外</translation>
    </message>
    <message>
        <source>cannot be read ({reason})</source>
        <translation>无法读取（{reason}）</translation>
    </message>
    <message>
        <source>not numbers</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>class {index} is not in the class list (0-{last})</source>
        <translation>类别 {index} 不在类别列表中（0-{last}）</translation>
    </message>
    <message>
        <source>not finite numbers</source>
        <translation>不是有限的数字</translation>
    </message>
    <message>
        <source>negative width or height</source>
        <translation>宽度或高度为负</translation>
    </message>
    <message>
        <source>expected &apos;class cx cy w h&apos;, got {count} value</source>
        <translation>应为“class cx cy w h”，实际有 {count} 个值</translation>
    </message>
    <message>
        <source>expected &apos;class cx cy w h&apos;, got {count} values</source>
        <translation>应为“class cx cy w h”，实际有 {count} 个值</translation>
    </message>
    <message>
        <source>Class folders renamed to safe names: {names}.</source>
        <translation>类别文件夹已改为安全的名称：{names}。</translation>
    </message>
    <message>
        <source>Ultralytics numbers classification classes by sorted folder name.</source>
        <translation>Ultralytics 按文件夹名称排序为分类类别编号。</translation>
    </message>
    <message>
        <source>Image URLs start with {prefix}: in Label Studio add a local files storage for {folder} (LOCAL_FILES_SERVING_ENABLED=true, LOCAL_FILES_DOCUMENT_ROOT at or above it) and use the labelling config written beside.</source>
        <translation>图片 URL 以 {prefix} 开头：请在 Label Studio 中为 {folder} 添加本地文件存储（LOCAL_FILES_SERVING_ENABLED=true，LOCAL_FILES_DOCUMENT_ROOT 设在它或其上级目录），并使用一旁写出的标注配置。</translation>
    </message>
    <message>
        <source>task without &apos;data&apos;</source>
        <translation>任务没有“data”</translation>
    </message>
    <message>
        <source>task without an image</source>
        <translation>任务没有图片</translation>
    </message>
    <message>
        <source>result without &apos;value&apos;</source>
        <translation>结果没有“value”</translation>
    </message>
    <message>
        <source>result type {kind} is not imported (boxes and choices only)</source>
        <translation>结果类型 {kind} 不导入（只导入框和选项）</translation>
    </message>
    <message>
        <source>rectangle without a label</source>
        <translation>矩形没有标签</translation>
    </message>
    <message>
        <source>rotated rectangles are not imported</source>
        <translation>旋转的矩形不导入</translation>
    </message>
    <message>
        <source>rectangle needs numeric x, y, width, height</source>
        <translation>矩形需要数字形式的 x、y、width、height</translation>
    </message>
    <message>
        <source>several labels {names}; the first is used</source>
        <translation>有多个标签 {names}；使用第一个</translation>
    </message>
    <message>
        <source>{ref} points outside the project folder</source>
        <translation>{ref} 指向项目文件夹之外</translation>
    </message>
    <message>
        <source>{ref} matches several images ({images})</source>
        <translation>{ref} 匹配到多张图片（{images}）</translation>
    </message>
    <message>
        <source>{name} matches several images in the project; give its path relative to the folder</source>
        <translation>{name} 匹配到项目中的多张图片；请给出它相对于文件夹的路径</translation>
    </message>
    <message>
        <source>{ref} is not an image of the project folder</source>
        <translation>{ref} 不是项目文件夹中的图片</translation>
    </message>
    <message>
        <source>its size is the un-rotated one: boxes mapped from the stored frame to the displayed (EXIF-rotated) frame</source>
        <translation>其尺寸是未旋转的尺寸：框已从存储坐标系映射到显示（EXIF 旋转后）坐标系</translation>
    </message>
    <message>
        <source>its size {w}×{h} differs from the image&apos;s {width}×{height}: boxes scaled</source>
        <translation>其尺寸 {w}×{h} 与图片的 {width}×{height} 不同：框已缩放</translation>
    </message>
    <message>
        <source>its size {w}×{h} does not match the image&apos;s {width}×{height}</source>
        <translation>其尺寸 {w}×{h} 与图片的 {width}×{height} 不符</translation>
    </message>
    <message>
        <source>{image} is missing</source>
        <translation>{image} 缺失</translation>
    </message>
    <message>
        <source>{image} is unreadable</source>
        <translation>{image} 无法读取</translation>
    </message>
    <message>
        <source>the size of {image} is not known yet (rescan)</source>
        <translation>{image} 的尺寸尚未读取（请重新扫描）</translation>
    </message>
    <message>
        <source>{image}: {problem}; its records are skipped</source>
        <translation>{image}：{problem}；其记录已跳过</translation>
    </message>
    <message>
        <source>could not be placed in the export: {reason}</source>
        <translation>无法放入导出：{reason}</translation>
    </message>
    <message>
        <source>{image}: {note}</source>
        <translation>{image}：{note}</translation>
    </message>
    <message>
        <source>copied (hard links are not possible there)</source>
        <translation>已复制（那里无法使用硬链接）</translation>
    </message>
    <message>
        <source>copied as is ({format} cannot be written upright)</source>
        <translation>按原样复制（{format} 无法写为摆正的图片）</translation>
    </message>
    <message>
        <source>This import cannot be undone with Ctrl+Z: it added {count} annotations, more than the {limit} one undo step keeps in memory. The steps before it cannot be undone any more either (they may depend on what it changed).</source>
        <translation>此次导入无法用 Ctrl+Z 撤销：它添加了 {count} 个标注，超过了一个撤销步骤在内存中保留的 {limit} 个。之前的步骤也无法再撤销（它们可能依赖于此次导入所改的内容）。</translation>
    </message>
    <message>
        <source>{count} image with skipped records was not marked done; review it.</source>
        <translation>{count} 张有跳过记录的图片未标为已完成；请审核它。</translation>
    </message>
    <message>
        <source>{count} images with skipped records were not marked done; review them.</source>
        <translation>{count} 张有跳过记录的图片未标为已完成；请审核它们。</translation>
    </message>
    <message>
        <source>{count} of them repeats what the images already held (an annotation, or an earlier import of the same file): stored as duplicates, hidden from review.</source>
        <translation>其中 {count} 条与图片已有内容重复（一个标注，或同一文件的早前导入）：已存为重复项，不在审核中显示。</translation>
    </message>
    <message>
        <source>{count} of them repeat what the images already held (an annotation, or an earlier import of the same file): stored as duplicates, hidden from review.</source>
        <translation>其中 {count} 条与图片已有内容重复（一个标注，或同一文件的早前导入）：已存为重复项，不在审核中显示。</translation>
    </message>
    <message>
        <source>Class {name} was not added: {reason}</source>
        <translation>未添加类别 {name}：{reason}</translation>
    </message>
    <message>
        <source>Classes not in the project, refused: {names}.</source>
        <translation>项目中没有的类别，已拒绝：{names}。</translation>
    </message>
    <message>
        <source>Mapped by the project&apos;s label mappings: {names}.</source>
        <translation>按项目的标签映射处理：{names}。</translation>
    </message>
    <message>
        <source>box {box} lies outside the image ({width}×{height})</source>
        <translation>框 {box} 位于图片之外（{width}×{height}）</translation>
    </message>
    <message>
        <source>box {box} is smaller than one pixel</source>
        <translation>框 {box} 小于一个像素</translation>
    </message>
    <message>
        <source>box {box} reaches outside the image ({width}×{height}); clamped to {clamped}</source>
        <translation>框 {box} 超出图片（{width}×{height}）；已裁剪为 {clamped}</translation>
    </message>
    <message>
        <source>not readable JSON ({reason})</source>
        <translation>不是可读的 JSON（{reason}）</translation>
    </message>
    <message>
        <source>not a labelme file (no &apos;shapes&apos; list)</source>
        <translation>不是 labelme 文件（没有“shapes”列表）</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>shape without a label</source>
        <translation>形状没有标签</translation>
    </message>
    <message>
        <source>points must be [x, y] pairs</source>
        <translation>点必须是 [x, y] 对</translation>
    </message>
    <message>
        <source>polygon imported as its bounding box</source>
        <translation>多边形以其外接框导入</translation>
    </message>
    <message>
        <source>circle imported as its bounding box</source>
        <translation>圆形以其外接框导入</translation>
    </message>
    <message>
        <source>shape type {kind} with {count} point is not imported</source>
        <translation>形状类型 {kind}（{count} 个点）不导入</translation>
    </message>
    <message>
        <source>shape type {kind} with {count} points is not imported</source>
        <translation>形状类型 {kind}（{count} 个点）不导入</translation>
    </message>
    <message>
        <source>not readable XML ({reason})</source>
        <translation>不是可读的 XML（{reason}）</translation>
    </message>
    <message>
        <source>not a VOC annotation (root element is not &lt;annotation&gt;)</source>
        <translation>不是 VOC 标注（根元素不是 &lt;annotation&gt;）</translation>
    </message>
    <message>
        <source>has no &lt;filename&gt;</source>
        <translation>没有 &lt;filename&gt;</translation>
    </message>
    <message>
        <source>&lt;size&gt; is not numeric; using the image&apos;s own size</source>
        <translation>&lt;size&gt; 不是数字；使用图片自身的尺寸</translation>
    </message>
    <message>
        <source>object without &lt;name&gt;</source>
        <translation>对象没有 &lt;name&gt;</translation>
    </message>
    <message>
        <source>&lt;bndbox&gt; needs numeric xmin, ymin, xmax, ymax</source>
        <translation>&lt;bndbox&gt; 需要数字形式的 xmin、ymin、xmax、ymax</translation>
    </message>
    <message>
        <source>xmax or ymax is below xmin or ymin</source>
        <translation>xmax 或 ymax 小于 xmin 或 ymin</translation>
    </message>
</context>
<context>
    <name>glance</name>
    <message>
        <source>Most uncertain first</source>
        <translation>最不确定的优先</translation>
    </message>
    <message>
        <source>Most confident first</source>
        <translation>最有把握的优先</translation>
    </message>
    <message>
        <source>Nothing was left to decide on this page of &apos;{name}&apos; suggestions.</source>
        <translation>这一页“{name}”建议已没有需要处理的。</translation>
    </message>
    <message>
        <source>Accepted {n}</source>
        <translation>接受 {n} 条</translation>
    </message>
    <message>
        <source>accepted {n}</source>
        <translation>接受 {n} 条</translation>
    </message>
    <message>
        <source>Accepted {n} as &apos;{other}&apos;</source>
        <translation>接受 {n} 条并改为“{other}”</translation>
    </message>
    <message>
        <source>accepted {n} as &apos;{other}&apos;</source>
        <translation>接受 {n} 条并改为“{other}”</translation>
    </message>
    <message>
        <source>Rejected {n}</source>
        <translation>拒绝 {n} 条</translation>
    </message>
    <message>
        <source>rejected {n}</source>
        <translation>拒绝 {n} 条</translation>
    </message>
    <message>
        <source>Decided none</source>
        <translation>未处理任何建议</translation>
    </message>
    <message>
        <source>{decisions} of {n} &apos;{name}&apos; suggestion; {images} done</source>
        <translation>{n} 条“{name}”建议中{decisions}；{images}已完成</translation>
    </message>
    <message>
        <source>{decisions} of {n} &apos;{name}&apos; suggestions; {images} done</source>
        <translation>{n} 条“{name}”建议中{decisions}；{images}已完成</translation>
    </message>
    <message>
        <source>{n} image</source>
        <translation>{n} 张图片</translation>
    </message>
    <message>
        <source>{n} images</source>
        <translation>{n} 张图片</translation>
    </message>
    <message>
        <source>, {n} still has other pending suggestions</source>
        <translation>，{n} 张仍有其他待定建议</translation>
    </message>
    <message>
        <source>, {n} still have other pending suggestions</source>
        <translation>，{n} 张仍有其他待定建议</translation>
    </message>
    <message>
        <source>; {n} was decided elsewhere already</source>
        <translation>；{n} 条已在别处处理</translation>
    </message>
    <message>
        <source>; {n} were decided elsewhere already</source>
        <translation>；{n} 条已在别处处理</translation>
    </message>
    <message>
        <source>{main}{left}{elsewhere}.</source>
        <translation>{main}{left}{elsewhere}。</translation>
    </message>
    <message>
        <source>That suggestion is already decided.</source>
        <translation>该建议已处理过。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>the suggestion</source>
        <translation>该建议</translation>
    </message>
    <message>
        <source>{name} as &apos;{other}&apos;</source>
        <translation>{name}（改为“{other}”）</translation>
    </message>
    <message>
        <source>its image</source>
        <translation>其图片</translation>
    </message>
    <message>
        <source>Accepted {name} on {image}; image done.</source>
        <translation>已接受 {image} 上的 {name}；图片已完成。</translation>
    </message>
    <message>
        <source>Accepted {name} on {image} ({image} still has pending suggestions).</source>
        <translation>已接受 {image} 上的 {name}（{image} 仍有待定建议）。</translation>
    </message>
    <message>
        <source>Accepted {name} on {image}.</source>
        <translation>已接受 {image} 上的 {name}。</translation>
    </message>
    <message>
        <source>Glance review is not open: G opens it.</source>
        <translation>速览审核未打开：按 G 打开。</translation>
    </message>
    <message>
        <source> (both models agree)</source>
        <translation>（两个模型一致）</translation>
    </message>
    <message>
        <source> (disputed: the two models disagree)</source>
        <translation>（有分歧：两个模型意见不同）</translation>
    </message>
    <message>
        <source>“{key}” does nothing in glance review: arrows move, X flips a tile, Space accepts the page, Esc goes back to the images.</source>
        <translation>“{key}”在速览审核中没有作用：方向键移动，X 翻转图块，空格接受本页，Esc 返回图片。</translation>
    </message>
    <message>
        <source>No pending suggestion with a class to glance at: ask the AI first (I, or Ctrl+B for a batch), or map unknown labels (M).</source>
        <translation>没有带类别的待定建议可供速览：请先询问 AI（I，或 Ctrl+B 批量运行），或映射未知标签（M）。</translation>
    </message>
    <message>
        <source>Glance review of &apos;{name}&apos;: {n} pending suggestion. X flips a tile to reject, Space accepts the page, Esc goes back.</source>
        <translation>速览审核“{name}”：{n} 条待定建议。X 将图块翻为拒绝，空格接受本页，Esc 返回。</translation>
    </message>
    <message>
        <source>Glance review of &apos;{name}&apos;: {n} pending suggestions. X flips a tile to reject, Space accepts the page, Esc goes back.</source>
        <translation>速览审核“{name}”：{n} 条待定建议。X 将图块翻为拒绝，空格接受本页，Esc 返回。</translation>
    </message>
    <message>
        <source> ({n} tile marked in glance review waits for its Space)</source>
        <translation>（速览审核中已标记的 {n} 个图块等待按空格）</translation>
    </message>
    <message>
        <source> ({n} tiles marked in glance review wait for their Space)</source>
        <translation>（速览审核中已标记的 {n} 个图块等待按空格）</translation>
    </message>
    <message>
        <source>Back to the images; {n} suggestion of &apos;{name}&apos; is still pending{wait}.</source>
        <translation>已返回图片；“{name}”仍有 {n} 条建议待定{wait}。</translation>
    </message>
    <message>
        <source>Back to the images; {n} suggestions of &apos;{name}&apos; are still pending{wait}.</source>
        <translation>已返回图片；“{name}”仍有 {n} 条建议待定{wait}。</translation>
    </message>
    <message>
        <source>Opened {image} (G goes back to the grid).</source>
        <translation>已打开 {image}（按 G 返回网格）。</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>该图片</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;: {n} pending suggestion.</source>
        <translation>“{name}”：{n} 条待定建议。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;: {n} pending suggestions.</source>
        <translation>“{name}”：{n} 条待定建议。</translation>
    </message>
    <message>
        <source>No class has pending suggestions left.</source>
        <translation>没有类别还有待定建议。</translation>
    </message>
    <message>
        <source>{order}.</source>
        <translation>{order}。</translation>
    </message>
    <message>
        <source>No &apos;{name}&apos; suggestion is pending.
Tab: the next class · Esc: back to the images</source>
        <translation>没有待定的“{name}”建议。
Tab：下一个类别 · Esc：返回图片</translation>
    </message>
    <message>
        <source>{tiles} · {pending}</source>
        <translation>{tiles} · {pending}</translation>
    </message>
    <message>
        <source>{n} tile on this page</source>
        <translation>本页 {n} 个图块</translation>
    </message>
    <message>
        <source>{n} tiles on this page</source>
        <translation>本页 {n} 个图块</translation>
    </message>
    <message>
        <source>{n} pending suggestion of this class</source>
        <translation>该类别 {n} 条待定建议</translation>
    </message>
    <message>
        <source>{n} pending suggestions of this class</source>
        <translation>该类别 {n} 条待定建议</translation>
    </message>
    <message>
        <source>{image} is missing from the folder</source>
        <translation>文件夹中缺少 {image}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; on {image}</source>
        <translation>{image} 上的“{name}”</translation>
    </message>
    <message>
        <source>{tile} is already rejected.</source>
        <translation>{tile}已被拒绝。</translation>
    </message>
    <message>
        <source>{tile} is already accepted.</source>
        <translation>{tile}已被接受。</translation>
    </message>
    <message>
        <source>{tile} will be rejected when Space accepts the page.</source>
        <translation>按空格接受本页时，{tile}将被拒绝。</translation>
    </message>
    <message>
        <source>{tile} will be accepted with the page again.</source>
        <translation>{tile}将再次随本页一起接受。</translation>
    </message>
    <message>
        <source>There is no class {n} yet: add classes in the Classes panel.</source>
        <translation>还没有类别 {n}：请在“类别”面板中添加类别。</translation>
    </message>
    <message>
        <source>{tile} will be accepted as suggested.</source>
        <translation>{tile}将按建议接受。</translation>
    </message>
    <message>
        <source>{tile} will be accepted as &apos;{name}&apos; with the page (recorded as edited).</source>
        <translation>{tile}将随本页以“{name}”接受（记为已修改）。</translation>
    </message>
    <message>
        <source>No &apos;{name}&apos; suggestion is pending: Tab goes to the next class, Esc back to the images.</source>
        <translation>没有待定的“{name}”建议：Tab 转到下一个类别，Esc 返回图片。</translation>
    </message>
    <message>
        <source>{done} No &apos;{name}&apos; suggestion is left: Tab goes to the next class, Esc back to the images.</source>
        <translation>{done}已没有“{name}”建议：Tab 转到下一个类别，Esc 返回图片。</translation>
    </message>
    <message>
        <source>Undid the page: {n} suggestion of &apos;{name}&apos; is pending again, with its flip; Space decides it again.</source>
        <translation>已撤销本页：{n} 条“{name}”建议重新待定，翻转标记保留；按空格重新处理。</translation>
    </message>
    <message>
        <source>Undid the page: {n} suggestions of &apos;{name}&apos; are pending again, with their flips; Space decides them again.</source>
        <translation>已撤销本页：{n} 条“{name}”建议重新待定，翻转标记保留；按空格重新处理。</translation>
    </message>
    <message>
        <source>{image} cannot be shown: {reason}</source>
        <translation>无法显示 {image}：{reason}</translation>
    </message>
</context>
<context>
    <name>grid</name>
    <message>
        <source>✗ reject</source>
        <translation>✗ 拒绝</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>The class whose pending suggestions are shown (Tab: next)</source>
        <translation>显示其待定建议的类别（Tab：下一个）</translation>
    </message>
    <message>
        <source>The order of the tiles (O switches)</source>
        <translation>图块的顺序（按 O 切换）</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Arrows move · X or N flips a tile to reject, Enter accepts one tile: both move on to the next unmarked tile · Space accepts the page and turns it · 1–9 another class · Ctrl+Z undoes the page · a click opens the image · Esc or G goes back</source>
        <translation>方向键移动 · X 或 N 翻转图块以拒绝，回车接受单个图块：两者都会移到下一个未标记的图块 · 空格接受本页并翻页 · 1–9 改为其他类别 · Ctrl+Z 撤销本页 · 单击打开图片 · Esc 或 G 返回</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
</context>
<context>
    <name>image_list</name>
    <message>
        <source>All images</source>
        <translation>全部图片</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>Asking the AI about it…</source>
        <translation>正在询问 AI…</translation>
    </message>
    <message>
        <source>(unreadable)</source>
        <translation>（无法读取）</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>(excluded)</source>
        <translation>（已排除）</translation>
    </message>
    <message>
        <source>the file could not be decoded.</source>
        <translation>文件无法解码。</translation>
    </message>
    <message>
        <source>Unreadable: {problem}</source>
        <translation>无法读取：{problem}</translation>
    </message>
    <message>
        <source>Missing: the file is no longer in the folder; its labels are kept.</source>
        <translation>缺失：文件已不在文件夹中；它的标注仍然保留。</translation>
    </message>
    <message>
        <source>%n annotation</source>
        <translation>%n 个标注</translation>
    </message>
    <message>
        <source>%n annotations</source>
        <translation>%n 个标注</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>%n pending suggestion</source>
        <translation>%n 条待定建议</translation>
    </message>
    <message>
        <source>%n pending suggestions</source>
        <translation>%n 条待定建议</translation>
    </message>
    <message>
        <source> (and %n hidden below the confidence slider)</source>
        <translation>（另有 %n 条低于置信度滑块而隐藏）</translation>
    </message>
    <message>
        <source>%n pending suggestion disputed by two models (reviewed first)</source>
        <translation>%n 条待定建议两个模型有分歧（优先审核）</translation>
    </message>
    <message>
        <source>%n pending suggestions disputed by two models (reviewed first)</source>
        <translation>%n 条待定建议两个模型有分歧（优先审核）</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Excluded: left out of exports and spot-checks (E takes it back).</source>
        <translation>已排除：不参与导出和抽检（按 E 撤回）。</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>按名称搜索</translation>
    </message>
</context>
<context>
    <name>image_loader</name>
    <message>
        <source>The file {name} is no longer there (moved or deleted).</source>
        <translation>文件 {name} 已不在原处（被移动或删除）。</translation>
    </message>
</context>
<context>
    <name>image_problems</name>
    <message>
        <source>permission denied: the file cannot be read</source>
        <translation>权限不足：无法读取文件</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <source>not a file (a folder)</source>
        <translation>不是文件（是文件夹）</translation>
    </message>
    <message>
        <source>HEIF image, but HEIF support (pillow-heif) is not available</source>
        <translation>HEIF 图片，但未安装 HEIF 支持（pillow-heif）</translation>
    </message>
    <message>
        <source>damaged HEIF file: its header cannot be read</source>
        <translation>HEIF 文件已损坏：无法读取文件头</translation>
    </message>
    <message>
        <source>damaged WEBP file: its header cannot be read</source>
        <translation>WEBP 文件已损坏：无法读取文件头</translation>
    </message>
    <message>
        <source>not an image</source>
        <translation>不是图片</translation>
    </message>
    <message>
        <source>not enough memory to decode this image</source>
        <translation>内存不足，无法解码此图片</translation>
    </message>
    <message>
        <source>the file cannot be read ({reason})</source>
        <translation>无法读取文件（{reason}）</translation>
    </message>
    <message>
        <source>cannot be read ({reason})</source>
        <translation>无法读取（{reason}）</translation>
    </message>
    <message>
        <source>damaged {format}: {reason}</source>
        <translation>{format} 已损坏：{reason}</translation>
    </message>
    <message>
        <source>damaged image: {reason}</source>
        <translation>图片已损坏：{reason}</translation>
    </message>
    <message>
        <source>damaged {format} file: its header cannot be read</source>
        <translation>{format} 文件已损坏：无法读取文件头</translation>
    </message>
    <message>
        <source>truncated {format}</source>
        <translation>{format} 文件不完整（被截断）</translation>
    </message>
    <message>
        <source>image too large: {width}x{height} pixels exceeds the {limit}-megapixel safety limit</source>
        <translation>图片过大：{width}x{height} 像素，超过 {limit} 百万像素的安全上限</translation>
    </message>
    <message>
        <source>image too large: {megapixels} megapixels exceeds the {limit}-megapixel safety limit</source>
        <translation>图片过大：{megapixels} 百万像素，超过 {limit} 百万像素的安全上限</translation>
    </message>
    <message>
        <source>image too large: its pixel count exceeds the {limit}-megapixel safety limit</source>
        <translation>图片过大：像素数超过 {limit} 百万像素的安全上限</translation>
    </message>
    <message>
        <source>first frame of {frames} shown</source>
        <translation>显示的是 {frames} 帧中的第一帧</translation>
    </message>
    <message>
        <source>file not found (moved or deleted)</source>
        <translation>找不到文件（已移动或删除）</translation>
    </message>
</context>
<context>
    <name>import_dialog</name>
    <message>
        <source>Import a dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <source>dataset file or folder</source>
        <translation>数据集文件或文件夹</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Annotations (the truth; listed images become done)</source>
        <translation>标注（作为真值；列出的图片标为已完成）</translation>
    </message>
    <message>
        <source>Suggestions to review (e.g. a vendor&apos;s labels)</source>
        <translation>待审核的建议（例如外包方的标注）</translation>
    </message>
    <message>
        <source>Refuse classes the project does not have (their records are skipped)</source>
        <translation>拒绝项目中没有的类别（跳过其记录）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>跳过的原因</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose the dataset file or folder to import.</source>
        <translation>请选择要导入的数据集文件或文件夹。</translation>
    </message>
    <message>
        <source>{format} is one file; choose the file, not a folder.</source>
        <translation>{format} 是单个文件；请选择该文件，而不是文件夹。</translation>
    </message>
    <message>
        <source>Dataset file</source>
        <translation>数据集文件</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Import waits for: {tasks}…</source>
        <translation>导入正在等待：{tasks}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Checking records…</source>
        <translation>正在检查记录…</translation>
    </message>
    <message>
        <source>Matching images…</source>
        <translation>正在匹配图片…</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <source>Imported; {n} record was skipped (below).</source>
        <translation>已导入；跳过了 {n} 条记录（见下）。</translation>
    </message>
    <message>
        <source>Imported; {n} records were skipped (below).</source>
        <translation>已导入；跳过了 {n} 条记录（见下）。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import again</source>
        <translation>再次导入</translation>
    </message>
    <message>
        <source>The import failed: {reason}. The details are in the log.</source>
        <translation>导入失败：{reason}。详情见日志。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>labels_panel</name>
    <message>
        <source>Delete class “{name}”</source>
        <translation>删除类别“{name}”</translation>
    </message>
    <message>
        <source>{n} annotation</source>
        <translation>{n} 个标注</translation>
    </message>
    <message>
        <source>{n} annotations</source>
        <translation>{n} 个标注</translation>
    </message>
    <message>
        <source>{n} suggestion</source>
        <translation>{n} 条建议</translation>
    </message>
    <message>
        <source>{n} suggestions</source>
        <translation>{n} 条建议</translation>
    </message>
    <message>
        <source>“{name}” has {annotations} and {suggestions} mapped to it.</source>
        <translation>“{name}”有 {annotations}，并有 {suggestions}映射到它。</translation>
    </message>
    <message>
        <source>Delete the class and its {annotations} (its suggestions become unknown labels again)</source>
        <translation>删除该类别及其 {annotations}（其建议重新成为未知标签）</translation>
    </message>
    <message>
        <source>Delete the class and its {annotations}</source>
        <translation>删除该类别及其 {annotations}</translation>
    </message>
    <message>
        <source>Move its annotations and suggestions to:</source>
        <translation>将其标注和建议移到：</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>可以用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>No classes yet: + adds one, Import reads them from classes.txt or data.yaml, or ask the AI (I) and M makes a label it gives a class.</source>
        <translation>还没有类别：点 + 添加，“导入”从 classes.txt 或 data.yaml 读取，或让 AI 标注（I）后按 M 把它给出的标签设为类别。</translation>
    </message>
    <message>
        <source>Description for the AI (what this class covers)</source>
        <translation>给 AI 的说明（此类别包括什么）</translation>
    </message>
    <message>
        <source>Save description</source>
        <translation>保存说明</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Rename the class</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Change the class colour</source>
        <translation>更改类别颜色</translation>
    </message>
    <message>
        <source>Move up (hotkeys 1–9 follow the order)</source>
        <translation>上移（快捷键 1–9 按此顺序）</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the class…</source>
        <translation>删除类别…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import classes from classes.txt or data.yaml</source>
        <translation>从 classes.txt 或 data.yaml 导入类别</translation>
    </message>
    <message>
        <source>Labels the AI or an import uses, mapped to a class with M; applied to every later answer and import</source>
        <translation>AI 或导入使用的标签，用 M 映射到类别；应用于之后的每次回答和导入</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Map the label to another class</source>
        <translation>将此标签映射到另一个类别</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Forget the mapping (later answers keep the label unknown)</source>
        <translation>删除此映射（之后的回答中该标签仍为未知）</translation>
    </message>
    <message>
        <source>Label mappings</source>
        <translation>标签映射</translation>
    </message>
    <message>
        <source>No description yet.</source>
        <translation>还没有描述。</translation>
    </message>
    <message>
        <source>Label mappings ({n}): the model&apos;s label → class</source>
        <translation>标签映射（{n}）：模型的标签 → 类别</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Class name:</source>
        <translation>类别名称：</translation>
    </message>
    <message>
        <source>Rename class</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation>类别颜色</translation>
    </message>
    <message>
        <source>Change a label mapping</source>
        <translation>更改标签映射</translation>
    </message>
    <message>
        <source>“{raw}” means the class:</source>
        <translation>“{raw}”表示的类别：</translation>
    </message>
    <message>
        <source>Import classes</source>
        <translation>导入类别</translation>
    </message>
    <message>
        <source>Class lists (classes.txt *.txt data.yaml *.yaml *.yml)</source>
        <translation>类别列表 (classes.txt *.txt data.yaml *.yaml *.yml)</translation>
    </message>
    <message>
        <source>Added {n} class; {present} already existed.</source>
        <translation>已添加 {n} 个类别；{present} 个已存在。</translation>
    </message>
    <message>
        <source>Added {n} class.</source>
        <translation>已添加 {n} 个类别。</translation>
    </message>
    <message>
        <source>Added {n} classes; {present} already existed.</source>
        <translation>已添加 {n} 个类别；{present} 个已存在。</translation>
    </message>
    <message>
        <source>Added {n} classes.</source>
        <translation>已添加 {n} 个类别。</translation>
    </message>
</context>
<context>
    <name>layout</name>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Layout reset: every main panel is back in its place.</source>
        <translation>布局已重置：所有主面板都回到了原位。</translation>
    </message>
    <message>
        <source>Keys now go to the image (F6 moves on).</source>
        <translation>键盘现在作用于图片（F6 转到下一部分）。</translation>
    </message>
    <message>
        <source>Keys now go to the {panel} panel (F6 moves on, Shift+F6 back).</source>
        <translation>键盘现在作用于“{panel}”面板（F6 转到下一部分，Shift+F6 返回）。</translation>
    </message>
</context>
<context>
    <name>local_models</name>
    <message>
        <source>&amp;Trained in this project:</source>
        <translation>在此项目中训练的(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>local_offer</name>
    <message>
        <source>Use the local engine</source>
        <translation>使用本地引擎</translation>
    </message>
    <message>
        <source>this project&apos;s model {model}</source>
        <translation>本项目的模型 {model}</translation>
    </message>
    <message>
        <source>the built-in text reader (it boxes text and labels it &apos;text&apos;)</source>
        <translation>内置文字识别器（为文字画框并标为“text”）</translation>
    </message>
    <message>
        <source>No {provider} API key: add one in Settings → AI provider (it is kept in the system keyring) or set {env} in the environment.</source>
        <translation>没有 {provider} API 密钥：请在 设置 → AI 服务商 中添加（保存在系统密钥环中），或在环境变量中设置 {env}。</translation>
    </message>
    <message>
        <source>No {provider} API key: set {env} in the environment (this machine has no system keyring, so Settings → AI provider cannot store one).</source>
        <translation>没有 {provider} API 密钥：请在环境变量中设置 {env}（本机没有系统密钥环，因此 设置 → AI 服务商 无法保存密钥）。</translation>
    </message>
    <message>
        <source>The offline local engine needs no key and no network: “{button}” asks {engine} instead.</source>
        <translation>离线本地引擎不需要密钥，也不需要网络：“{button}”会改为询问{engine}。</translation>
    </message>
</context>
<context>
    <name>menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>图片(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Glance</source>
        <translation>速览(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>navigation</name>
    <message>
        <source>{image} is not done: {n} suggestion still pending (Enter accepts, N rejects, Space accepts all).</source>
        <translation>{image} 未完成：仍有 {n} 条建议待定（回车接受，N 拒绝，空格全部接受）。</translation>
    </message>
    <message>
        <source>{image} is not done: {n} suggestions still pending (Enter accepts, N rejects, Space accepts all).</source>
        <translation>{image} 未完成：仍有 {n} 条建议待定（回车接受，N 拒绝，空格全部接受）。</translation>
    </message>
    <message>
        <source>Marked {image} done.</source>
        <translation>已将 {image} 标为已完成。</translation>
    </message>
    <message>
        <source>The image</source>
        <translation>该图片</translation>
    </message>
    <message>
        <source>Marked {image} done, no objects.</source>
        <translation>已将 {image} 标为已完成，无目标。</translation>
    </message>
    <message>
        <source>Marked {image} done ({n} annotation).</source>
        <translation>已将 {image} 标为已完成（{n} 个标注）。</translation>
    </message>
    <message>
        <source>Marked {image} done ({n} annotations).</source>
        <translation>已将 {image} 标为已完成（{n} 个标注）。</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>请先打开一张图片。</translation>
    </message>
    <message>
        <source>Included {image} again.</source>
        <translation>已重新纳入 {image}。</translation>
    </message>
    <message>
        <source>Excluded {image}: it is left out of exports and spot-checks (E takes it back).</source>
        <translation>已排除 {image}：导出和抽检将不包含它（按 E 取消排除）。</translation>
    </message>
    <message>
        <source>{image} is the last image in the list.</source>
        <translation>{image} 是列表中的最后一张图片。</translation>
    </message>
    <message>
        <source>{image} is the first image in the list.</source>
        <translation>{image} 是列表中的第一张图片。</translation>
    </message>
    <message>
        <source>{note}; it is the last image in the list.</source>
        <translation>{note}；这是列表中的最后一张图片。</translation>
    </message>
    <message>
        <source>{note}; it is the first image in the list.</source>
        <translation>{note}；这是列表中的第一张图片。</translation>
    </message>
</context>
<context>
    <name>opening</name>
    <message>
        <source>Scanning the folder…</source>
        <translation>正在扫描文件夹…</translation>
    </message>
    <message>
        <source>listing the folder</source>
        <translation>列出文件夹</translation>
    </message>
    <message>
        <source>scanning the folder</source>
        <translation>扫描文件夹</translation>
    </message>
    <message>
        <source>Listing the folder… {n} image</source>
        <translation>正在列出文件夹… {n} 张图片</translation>
    </message>
    <message>
        <source>Listing the folder… {n} images</source>
        <translation>正在列出文件夹… {n} 张图片</translation>
    </message>
    <message>
        <source>Reading image sizes…</source>
        <translation>正在读取图片尺寸…</translation>
    </message>
    <message>
        <source>reading image sizes</source>
        <translation>读取图片尺寸</translation>
    </message>
    <message>
        <source>Reading image sizes… {done} of {total}</source>
        <translation>正在读取图片尺寸… {done} / {total}</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>The folder could not be scanned completely: {reason}</source>
        <translation>文件夹未能完整扫描：{reason}</translation>
    </message>
    <message>
        <source>No images yet.</source>
        <translation>还没有图片。</translation>
    </message>
</context>
<context>
    <name>project</name>
    <message>
        <source>Quality report</source>
        <translation>质量报告</translation>
    </message>
    <message>
        <source>The report could not be made: {reason}</source>
        <translation>无法生成报告：{reason}</translation>
    </message>
    <message>
        <source>Nothing new: the {n} annotation of {file} is already in the project.</source>
        <translation>没有新内容：{file} 中的 {n} 个标注已在项目中。</translation>
    </message>
    <message>
        <source>Nothing new: the {n} annotations of {file} are already in the project.</source>
        <translation>没有新内容：{file} 中的 {n} 个标注已在项目中。</translation>
    </message>
    <message>
        <source>Nothing new: the {n} suggestion of {file} is already in the project.</source>
        <translation>没有新内容：{file} 中的 {n} 条建议已在项目中。</translation>
    </message>
    <message>
        <source>Nothing new: the {n} suggestions of {file} are already in the project.</source>
        <translation>没有新内容：{file} 中的 {n} 条建议已在项目中。</translation>
    </message>
    <message>
        <source>{n} annotation</source>
        <translation>{n} 个标注</translation>
    </message>
    <message>
        <source>{n} annotations</source>
        <translation>{n} 个标注</translation>
    </message>
    <message>
        <source>{n} suggestion</source>
        <translation>{n} 条建议</translation>
    </message>
    <message>
        <source>{n} suggestions</source>
        <translation>{n} 条建议</translation>
    </message>
    <message>
        <source>{n} image</source>
        <translation>{n} 张图片</translation>
    </message>
    <message>
        <source>{n} images</source>
        <translation>{n} 张图片</translation>
    </message>
    <message>
        <source>Imported {what} on {images}; {there} already in the project, {n} skipped.</source>
        <translation>已在 {images}上导入 {what}；{there}已在项目中，跳过 {n} 项。</translation>
    </message>
    <message>
        <source>Imported {what} on {images}; {there} already in the project.</source>
        <translation>已在 {images}上导入 {what}；{there}已在项目中。</translation>
    </message>
    <message>
        <source>Imported {what} on {images}; {n} skipped.</source>
        <translation>已在 {images}上导入 {what}；跳过 {n} 项。</translation>
    </message>
    <message>
        <source>Imported {what} on {images}.</source>
        <translation>已在 {images}上导入 {what}。</translation>
    </message>
</context>
<context>
    <name>prompt</name>
    <message>
        <source>No examples.</source>
        <translation>没有示例。</translation>
    </message>
    <message>
        <source>With {n} example image (about {tokens} image tokens), before the image; it has its boxes drawn and its answer listed.</source>
        <translation>附带 {n} 张示例图片（约 {tokens} 个图像 token），放在图片之前；示例上画有其框，并列出其回答。</translation>
    </message>
    <message>
        <source>With {n} example images (about {tokens} image tokens), before the image; each has its boxes drawn and its answer listed.</source>
        <translation>附带 {n} 张示例图片（约 {tokens} 个图像 token），放在图片之前；每张示例上画有其框，并列出其回答。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>What to label and what to ignore, for this project. Left empty, the default shown in grey is sent.</source>
        <translation>此项目中要标注什么、忽略什么。留空则发送灰色显示的默认内容。</translation>
    </message>
    <message>
        <source>&amp;Use this template</source>
        <translation>使用此模板(&amp;U)</translation>
    </message>
    <message>
        <source>Replace the instructions above with the chosen template (the class names stay as they are)</source>
        <translation>用所选模板替换上面的说明（类别名称保持不变）</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>Descriptions are edited in the Classes panel (double-click a class).</source>
        <translation>类别说明在“类别”面板中编辑（双击类别）。</translation>
    </message>
    <message>
        <source>No classes yet: the model is asked to name what it sees, and its labels arrive as unknown classes to map or add.</source>
        <translation>还没有类别：模型会被要求说出看到的东西，其标签将作为未知类别出现，可映射或添加。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Project instructions&lt;/b&gt;</source>
        <translation>&lt;b&gt;项目说明&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Classes, as sent&lt;/b&gt;</source>
        <translation>&lt;b&gt;类别（按发送内容）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Text (system + user)</source>
        <translation>文本（系统 + 用户）</translation>
    </message>
    <message>
        <source>Image (at its sent size)</source>
        <translation>图片（按发送尺寸）</translation>
    </message>
    <message>
        <source>Examples (as sent)</source>
        <translation>示例（按发送内容）</translation>
    </message>
    <message>
        <source>Refresh preview</source>
        <translation>刷新预览</translation>
    </message>
    <message>
        <source>current image</source>
        <translation>当前图片</translation>
    </message>
    <message>
        <source>&lt;b&gt;Exactly what is sent for {image}&lt;/b&gt;</source>
        <translation>&lt;b&gt;为 {image} 发送的确切内容&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Changed instructions</source>
        <translation>项目说明已更改</translation>
    </message>
    <message>
        <source>The instructions were changed. Save them for this project?</source>
        <translation>项目说明已更改。要为此项目保存吗？</translation>
    </message>
    <message>
        <source>Open an image to see what would be sent for it.</source>
        <translation>请先打开一张图片，才能看到会为它发送的内容。</translation>
    </message>
    <message>
        <source>The preview could not be built: {reason}</source>
        <translation>无法生成预览：{reason}</translation>
    </message>
    <message>
        <source>Preparing the image…</source>
        <translation>正在准备图片…</translation>
    </message>
    <message>
        <source>about {n} image tokens</source>
        <translation>约 {n} 个图像 token</translation>
    </message>
    <message>
        <source>no image-token estimate for this model</source>
        <translation>此模型没有图像 token 估算</translation>
    </message>
    <message>
        <source>Sent image: {w} × {h} px, {kind}, {kb} KB; {tokens}. Image as displayed: {dw} × {dh} px. {provider} · {model} · boxes: {convention}. {examples}</source>
        <translation>发送的图片：{w} × {h} 像素，{kind}，{kb} KB；{tokens}。显示的图片：{dw} × {dh} 像素。{provider} · {model} · 框格式：{convention}。{examples}</translation>
    </message>
    <message>
        <source>The prepared image could not be shown.</source>
        <translation>无法显示准备好的图片。</translation>
    </message>
</context>
<context>
    <name>provider_check</name>
    <message>
        <source>The OpenAI-compatible server</source>
        <translation>OpenAI 兼容服务器</translation>
    </message>
    <message>
        <source>The local engine</source>
        <translation>本地引擎</translation>
    </message>
    <message>
        <source>the OpenAI-compatible server</source>
        <translation>OpenAI 兼容服务器</translation>
    </message>
    <message>
        <source>the local engine</source>
        <translation>本地引擎</translation>
    </message>
    <message>
        <source>{provider} could not be reached: {kind}: {reason}</source>
        <translation>无法连接 {provider}：{kind}：{reason}</translation>
    </message>
    <message>
        <source>, {input} tokens in, {output} out</source>
        <translation>，输入 {input} 个 token，输出 {output} 个</translation>
    </message>
    <message>
        <source>, ${cost}</source>
        <translation>，${cost}</translation>
    </message>
    <message>
        <source>, price unknown (no published price in the table)</source>
        <translation>，价格未知（价格表中没有公开价格）</translation>
    </message>
    <message>
        <source>it declined to give suggestions ({reason})</source>
        <translation>它拒绝给出建议（{reason}）</translation>
    </message>
    <message>
        <source>{n} suggestion for a blank test image</source>
        <translation>对空白测试图片给出 {n} 条建议</translation>
    </message>
    <message>
        <source>{n} suggestions for a blank test image</source>
        <translation>对空白测试图片给出 {n} 条建议</translation>
    </message>
    <message>
        <source>{provider} answered in {seconds} s with model {model}: {what}{tokens}{cost}.</source>
        <translation>{provider} 在 {seconds} 秒内用模型 {model} 作答：{what}{tokens}{cost}。</translation>
    </message>
</context>
<context>
    <name>provider_page</name>
    <message>
        <source>OpenAI-compatible server (Ollama, vLLM, LM Studio)</source>
        <translation>兼容 OpenAI 的服务器（Ollama、vLLM、LM Studio）</translation>
    </message>
    <message>
        <source>Local, offline (no key, no network)</source>
        <translation>本地模型（离线，无需密钥，不联网）</translation>
    </message>
    <message>
        <source>The model&apos;s default (price table)</source>
        <translation>模型的默认值（价格表）</translation>
    </message>
    <message>
        <source>Pixels of the sent image, [x1, y1, x2, y2]</source>
        <translation>所发送图片的像素，[x1, y1, x2, y2]</translation>
    </message>
    <message>
        <source>Fractions 0–1, [x1, y1, x2, y2]</source>
        <translation>0–1 的比例，[x1, y1, x2, y2]</translation>
    </message>
    <message>
        <source>0–1000, [x1, y1, x2, y2]</source>
        <translation>0–1000，[x1, y1, x2, y2]</translation>
    </message>
    <message>
        <source>0–1000, [y1, x1, y2, x2] (Gemini, Qwen3-VL)</source>
        <translation>0–1000，[y1, x1, y2, x2]（Gemini、Qwen3-VL）</translation>
    </message>
    <message>
        <source>Sends one tiny request (a 64 × 48 image) with these settings.</source>
        <translation>用这些设置发送一个很小的请求（一张 64 × 48 的图片）。</translation>
    </message>
    <message>
        <source>Models from {provider}&apos;s own list and the price table.</source>
        <translation>模型来自 {provider} 自己的列表和价格表。</translation>
    </message>
    <message>
        <source>{provider}&apos;s model list could not be read ({reason}); showing the price table&apos;s and the SDK&apos;s models.</source>
        <translation>无法读取 {provider} 的模型列表（{reason}）；显示价格表和 SDK 中的模型。</translation>
    </message>
    <message>
        <source>The OpenAI API that answers: both get the same prompt and image. Batch API jobs always use Chat Completions.</source>
        <translation>负责回答的 OpenAI API：两者收到相同的提示词和图片。Batch API 任务始终使用 Chat Completions。</translation>
    </message>
    <message>
        <source>Paste a new key, then Save key</source>
        <translation>粘贴新的密钥，然后点击“保存密钥”</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>保存密钥</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the key stored in the system keyring</source>
        <translation>移除保存在系统密钥环中的密钥</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>the provider&apos;s own limit</source>
        <translation>服务商自己的限制</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>empty: read text with the bundled OCR engine</source>
        <translation>留空：用随附的 OCR 引擎识别文字</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Send one tiny request with these settings</source>
        <translation>用这些设置发送一个很小的请求</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <source>OpenAI API</source>
        <translation>OpenAI API</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Box convention</source>
        <translation>框坐标格式</translation>
    </message>
    <message>
        <source>Max image side</source>
        <translation>图片最长边</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Local model</source>
        <translation>本地模型</translation>
    </message>
    <message>
        <source>Object detector exported to ONNX (Ultralytics YOLO layout):</source>
        <translation>导出为 ONNX 的目标检测器（Ultralytics YOLO 布局）：</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>无法保存设置：{reason}</translation>
    </message>
    <message>
        <source>default: {model}</source>
        <translation>默认：{model}</translation>
    </message>
    <message>
        <source>the model id the server knows</source>
        <translation>服务器认识的模型 ID</translation>
    </message>
    <message>
        <source>default: {url} (Ollama)</source>
        <translation>默认：{url}（Ollama）</translation>
    </message>
    <message>
        <source>default: https://api.openai.com/v1 (must end in /v1)</source>
        <translation>默认：https://api.openai.com/v1（必须以 /v1 结尾）</translation>
    </message>
    <message>
        <source>default: https://api.anthropic.com (no /v1)</source>
        <translation>默认：https://api.anthropic.com（不带 /v1）</translation>
    </message>
    <message>
        <source>not used: nothing leaves the machine</source>
        <translation>不使用：数据不离开本机</translation>
    </message>
    <message>
        <source>Not sent to Anthropic: its Messages API here takes no temperature.</source>
        <translation>不会发送给 Anthropic：它在这里使用的 Messages API 不接受温度参数。</translation>
    </message>
    <message>
        <source>0 gives the most repeatable answers.</source>
        <translation>0 时回答最可重复。</translation>
    </message>
    <message>
        <source>Used when the provider is Local.</source>
        <translation>服务商为“本地模型”时使用。</translation>
    </message>
    <message>
        <source>No model chosen: the local engine reads text (RapidOCR).</source>
        <translation>未选择模型：本地引擎识别文字（RapidOCR）。</translation>
    </message>
    <message>
        <source>There is no file at {path}.</source>
        <translation>{path} 处没有文件。</translation>
    </message>
    <message>
        <source>Boxes come from this detector; class names from its metadata.</source>
        <translation>框来自此检测器；类别名称来自其元数据。</translation>
    </message>
    <message>
        <source>Choose an ONNX detector</source>
        <translation>选择 ONNX 检测模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The local engine needs no key.</source>
        <translation>本地引擎不需要密钥。</translation>
    </message>
    <message>
        <source>Keys are stored in the system keyring ({backend}).</source>
        <translation>密钥保存在系统密钥环中（{backend}）。</translation>
    </message>
    <message>
        <source>No keyring: keys cannot be saved here</source>
        <translation>没有密钥环：无法在这里保存密钥</translation>
    </message>
    <message>
        <source>Current key: {key}, from the system keyring.</source>
        <translation>当前密钥：{key}，来自系统密钥环。</translation>
    </message>
    <message>
        <source>Current key: {key}, from the environment variable {env}.</source>
        <translation>当前密钥：{key}，来自环境变量 {env}。</translation>
    </message>
    <message>
        <source>No key set (optional for local servers; {env} also works).</source>
        <translation>未设置密钥（本地服务器可不设；也可以用 {env}）。</translation>
    </message>
    <message>
        <source>No key set: save one here or set {env} in the environment.</source>
        <translation>未设置密钥：在这里保存一个，或在环境中设置 {env}。</translation>
    </message>
    <message>
        <source>Type or paste a key first.</source>
        <translation>请先输入或粘贴密钥。</translation>
    </message>
    <message>
        <source>Testing {provider}…</source>
        <translation>正在测试 {provider}…</translation>
    </message>
    <message>
        <source>Testing the local engine…</source>
        <translation>正在测试本地引擎…</translation>
    </message>
    <message>
        <source>The test could not run: {reason}</source>
        <translation>无法运行测试：{reason}</translation>
    </message>
</context>
<context>
    <name>providers</name>
    <message>
        <source>{model} is not a model {provider} supports: requests to it fail. Choose a current model in Settings.</source>
        <translation>{model} 不是 {provider} 支持的模型：对它的请求会失败。请在设置中选择一个当前可用的模型。</translation>
    </message>
    <message>
        <source>an earlier date</source>
        <translation>更早的某天</translation>
    </message>
    <message>
        <source>{model} was retired on {when}: requests to it fail. Choose a current model in Settings.</source>
        <translation>{model} 已于 {when} 停用：对它的请求会失败。请在设置中选择一个当前可用的模型。</translation>
    </message>
    <message>
        <source>{model} was due to retire on {when} and may stop answering at any time. Choose a current model in Settings.</source>
        <translation>{model} 原定于 {when} 停用，随时可能不再回答。请在设置中选择一个当前可用的模型。</translation>
    </message>
    <message>
        <source>{model} retires on {when} (in {count} day); after that requests to it fail. Choose a current model in Settings.</source>
        <translation>{model} 将于 {when} 停用（还有 {count} 天）；之后对它的请求会失败。请在设置中选择一个当前可用的模型。</translation>
    </message>
    <message>
        <source>{model} retires on {when} (in {count} days); after that requests to it fail. Choose a current model in Settings.</source>
        <translation>{model} 将于 {when} 停用（还有 {count} 天）；之后对它的请求会失败。请在设置中选择一个当前可用的模型。</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>images per second</source>
        <translation>每秒图片数</translation>
    </message>
    <message>
        <source>cost per 1,000 images</source>
        <translation>每 1,000 张图片的费用</translation>
    </message>
    <message>
        <source>held-out annotations from its own suggestions</source>
        <translation>来自其自身建议的留出集标注</translation>
    </message>
    <message>
        <source>TP</source>
        <translation>真正例</translation>
    </message>
    <message>
        <source>FP</source>
        <translation>假正例</translation>
    </message>
    <message>
        <source>FN</source>
        <translation>假反例</translation>
    </message>
    <message>
        <source>Models on the same held-out images (boxes)</source>
        <translation>同一留出集上的各模型（框）</translation>
    </message>
    <message>
        <source>{n} box</source>
        <translation>{n} 个框</translation>
    </message>
    <message>
        <source>{n} boxes</source>
        <translation>{n} 个框</translation>
    </message>
    <message>
        <source>Models on the same held-out images (image tags)</source>
        <translation>同一留出集上的各模型（图片标签）</translation>
    </message>
    <message>
        <source>{n} image tag</source>
        <translation>{n} 个图片标签</translation>
    </message>
    <message>
        <source>{n} image tags</source>
        <translation>{n} 个图片标签</translation>
    </message>
    <message>
        <source>{n} held-out image (reviewed by a person, never trained on) with {what}.</source>
        <translation>{n} 张留出集图片（经人工审核，从未用于训练），共 {what}。</translation>
    </message>
    <message>
        <source>{n} held-out images (reviewed by a person, never trained on) with {what}.</source>
        <translation>{n} 张留出集图片（经人工审核，从未用于训练），共 {what}。</translation>
    </message>
    <message>
        <source>Images per second were measured on this machine for local models and over the run&apos;s wall time for large-model runs; costs are what the run paid per answered image.</source>
        <translation>本地模型的每秒图片数在本机上测得，大模型运行的则按该运行的实际耗时计算；费用是该运行为每张已回答图片支付的金额。</translation>
    </message>
    <message>
        <source>{metric} per model (95 % intervals)</source>
        <translation>各模型的 {metric}（95% 置信区间）</translation>
    </message>
    <message>
        <source>{name}: per class</source>
        <translation>{name}：各类别</translation>
    </message>
    <message>
        <source>tag accuracy</source>
        <translation>图片标签准确率</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>有分歧</translation>
    </message>
    <message>
        <source>suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>acceptance</source>
        <translation>接受率</translation>
    </message>
    <message>
        <source>Agreement rate {rate}: {n} agreed suggestion (each supported by both runs) and {disputed} disputed.</source>
        <translation>一致率 {rate}：{n} 条一致的建议（每条都得到两个运行的支持），{disputed} 条有分歧。</translation>
    </message>
    <message>
        <source>Agreement rate {rate}: {n} agreed suggestions (each supported by both runs) and {disputed} disputed.</source>
        <translation>一致率 {rate}：{n} 条一致的建议（每条都得到两个运行的支持），{disputed} 条有分歧。</translation>
    </message>
    <message>
        <source>Acceptance is accepted (edited included) of decided, with its 95 % Wilson interval.</source>
        <translation>接受率 = 已接受（含已修改）÷ 已决定，附 95% Wilson 置信区间。</translation>
    </message>
    <message>
        <source>Two-model consensus</source>
        <translation>双模型共识</translation>
    </message>
    <message>
        <source>{value} %</source>
        <translation>{value}%</translation>
    </message>
    <message>
        <source>Boxes per class: precision and recall (95 % Wilson intervals)</source>
        <translation>各类别的框：精确率与召回率（95% Wilson 置信区间）</translation>
    </message>
    <message>
        <source>Precision and recall per model</source>
        <translation>各模型的精确率与召回率</translation>
    </message>
    <message>
        <source>mean IoU of moved boxes</source>
        <translation>移动过的框的平均 IoU</translation>
    </message>
    <message>
        <source>added by hand</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <source>accepted labels</source>
        <translation>已接受的类别</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>cost per accepted label</source>
        <translation>每个已接受类别的费用</translation>
    </message>
    <message>
        <source>spot-check</source>
        <translation>抽检编号</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>acceptance (95 % Wilson)</source>
        <translation>接受率（95% Wilson）</translation>
    </message>
    <message>
        <source>anytime-valid bounds</source>
        <translation>任意时刻有效界限</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>verdict by</source>
        <translation>结论方法</translation>
    </message>
    <message>
        <source>classes passed</source>
        <translation>通过的类别</translation>
    </message>
    <message>
        <source>failing classes</source>
        <translation>未通过的类别</translation>
    </message>
    <message>
        <source>Spot-checks</source>
        <translation>抽检</translation>
    </message>
    <message>
        <source>anytime-valid beta-binomial mixture</source>
        <translation>任意时刻有效的 β-二项分布混合方法</translation>
    </message>
    <message>
        <source>{n} image reviewed by a person</source>
        <translation>{n} 张图片经人工审核</translation>
    </message>
    <message>
        <source>{n} images reviewed by a person</source>
        <translation>{n} 张图片经人工审核</translation>
    </message>
    <message>
        <source>{n} final annotation</source>
        <translation>{n} 个最终标注</translation>
    </message>
    <message>
        <source>{n} final annotations</source>
        <translation>{n} 个最终标注</translation>
    </message>
    <message>
        <source>{n} box drawn by hand</source>
        <translation>{n} 个框为手工绘制</translation>
    </message>
    <message>
        <source>{n} boxes drawn by hand</source>
        <translation>{n} 个框为手工绘制</translation>
    </message>
    <message>
        <source>{images}, {annotations}, {boxes}.</source>
        <translation>{images}，{annotations}，{boxes}。</translation>
    </message>
    <message>
        <source>{name}: boxes per class</source>
        <translation>{name}：各类别的框</translation>
    </message>
    <message>
        <source>Tags ({exact} of {n} image exactly right)</source>
        <translation>图片标签（{n} 张图片中 {exact} 张完全正确）</translation>
    </message>
    <message>
        <source>Tags ({exact} of {n} images exactly right)</source>
        <translation>图片标签（{n} 张图片中 {exact} 张完全正确）</translation>
    </message>
    <message>
        <source>{names}, {name}</source>
        <translation>{names}、{name}</translation>
    </message>
    <message>
        <source>Pass and fail: {methods} (an anytime-valid confidence sequence, 2.5 % error allowed each way however often it was looked at). The acceptance interval is the 95 % Wilson interval, a figure.</source>
        <translation>通过与不通过由{methods}判定（一种任意时刻有效的置信序列：无论查看多少次，每个方向的错误率都不超过 2.5%）。接受率区间是 95% Wilson 置信区间，只是一个数值，不作为结论。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{reviewed} of {sample}</source>
        <translation>{reviewed} / {sample}</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>AI quality report</source>
        <translation>AI 质量报告</translation>
    </message>
    <message>
        <source>Boxes match when the class agrees and IoU ≥ {iou}.</source>
        <translation>类别相同且 IoU ≥ {iou} 时，框即视为匹配。</translation>
    </message>
    <message>
        <source>{folder} — {when}.</source>
        <translation>{folder} — {when}。</translation>
    </message>
    <message>
        <source>No reviewed image has AI suggestions yet: review some images first.</source>
        <translation>还没有带 AI 建议的已审核图片：请先审核一些图片。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>nothing to show yet</source>
        <translation>暂无可显示的内容</translation>
    </message>
    <message>
        <source>{name}: {figures}</source>
        <translation>{name}：{figures}</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Batch API</source>
        <translation>Batch API</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{model} · run {run}</source>
        <translation>{model} · 运行 {run}</translation>
    </message>
    <message>
        <source> ({kind})</source>
        <translation>（{kind}）</translation>
    </message>
    <message>
        <source>{name}, {date}</source>
        <translation>{name}，{date}</translation>
    </message>
    <message>
        <source>{day} {month} {year}</source>
        <translation>{year}年{month_number}月{day}日</translation>
    </message>
    <message>
        <source>{day} {month}</source>
        <translation>{month_number}月{day}日</translation>
    </message>
    <message>
        <source>Boxes per class</source>
        <translation>各类别的框</translation>
    </message>
    <message>
        <source>Models on the same held-out images</source>
        <translation>同一留出集上的各模型</translation>
    </message>
    <message>
        <source>Export HTML…</source>
        <translation>导出 HTML…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Comparing the models on the held-out images…</source>
        <translation>正在留出集上比较各模型…</translation>
    </message>
    <message>
        <source>Boxes match when the class agrees and they overlap with IoU ≥ {iou}; bars show 95 % intervals.</source>
        <translation>类别相同且重叠的 IoU ≥ {iou} 时，框即视为匹配；误差线为 95% 置信区间。</translation>
    </message>
    <message>
        <source>No reviewed image has AI suggestions yet: review some images (or a spot-check sample) first.</source>
        <translation>还没有带 AI 建议的已审核图片：请先审核一些图片（或一份抽检样本）。</translation>
    </message>
    <message>
        <source>Per class (all runs)</source>
        <translation>各类别（全部运行）</translation>
    </message>
    <message>
        <source>{provider} / {run}</source>
        <translation>{provider} / {run}</translation>
    </message>
    <message>
        <source>Refreshed.</source>
        <translation>已刷新。</translation>
    </message>
    <message>
        <source>Export the report as HTML</source>
        <translation>将报告导出为 HTML</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>Export the figures as CSV</source>
        <translation>将数据导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Wrote {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <source>Rule: the cheapest model per 1,000 images whose {metric} is not worse than the best model&apos;s beyond the intervals (its 95 % interval reaches the best one&apos;s lower end); at equal cost, the faster one.</source>
        <translation>规则：在 {metric} 不比最佳模型差到超出区间（其 95% 区间达到最佳模型区间的下端）的模型中，选每 1,000 张图片费用最低的；费用相同时选更快的。</translation>
    </message>
    <message>
        <source>top-1 accuracy</source>
        <translation>首位准确率</translation>
    </message>
    <message>
        <source>mAP50</source>
        <translation>mAP50</translation>
    </message>
    <message>
        <source>No model can be chosen: no {metric} could be measured on the {n} held-out image.</source>
        <translation>无法选出模型：在 {n} 张留出集图片上测不出任何 {metric}。</translation>
    </message>
    <message>
        <source>No model can be chosen: no {metric} could be measured on the {n} held-out images.</source>
        <translation>无法选出模型：在 {n} 张留出集图片上测不出任何 {metric}。</translation>
    </message>
    <message>
        <source>unknown cost</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>${cost}</source>
        <translation>${cost}</translation>
    </message>
    <message>
        <source>${cost} per 1,000 images</source>
        <translation>每 1,000 张图片 ${cost}</translation>
    </message>
    <message>
        <source>Use {name} for the rest: it has the best {metric}, {value}, at {cost}; the cheaper models are worse beyond the intervals.</source>
        <translation>其余图片请用 {name}：它的 {metric} 最好，为 {value}，费用为{cost}；更便宜的模型都差到超出区间。</translation>
    </message>
    <message>
        <source>Use {name} for the rest: it has the best {metric}, {value}, at {cost}; no other model is cheaper.</source>
        <translation>其余图片请用 {name}：它的 {metric} 最好，为 {value}，费用为{cost}；没有更便宜的模型。</translation>
    </message>
    <message>
        <source>Use {name} for the rest: its {metric} {value} is within the intervals of the best, {best} with {best_value}, at {cost} instead of {best_cost}.</source>
        <translation>其余图片请用 {name}：它的 {metric} 为 {value}，与最佳模型 {best}（{best_value}）相比仍在区间之内，费用为{cost}，而不是{best_cost}。</translation>
    </message>
    <message>
        <source>all runs</source>
        <translation>全部运行</translation>
    </message>
    <message>
        <source>{provider}/{model} (run {run})</source>
        <translation>{provider}/{model}（运行 {run}）</translation>
    </message>
    <message>
        <source>The local model {name} could not be compared: {reason}</source>
        <translation>本地模型 {name} 无法参与比较：{reason}</translation>
    </message>
    <message>
        <source>Run {run} ({provider}/{model}) answered {covered} of the {n} held-out image, so it is left out; ask it about the others to compare it.</source>
        <translation>运行 {run}（{provider}/{model}）只回答了 {n} 张留出集图片中的 {covered} 张，因此未参与比较；让它回答其余图片后即可比较。</translation>
    </message>
    <message>
        <source>Run {run} ({provider}/{model}) answered {covered} of the {n} held-out images, so it is left out; ask it about the others to compare it.</source>
        <translation>运行 {run}（{provider}/{model}）只回答了 {n} 张留出集图片中的 {covered} 张，因此未参与比较；让它回答其余图片后即可比较。</translation>
    </message>
    <message>
        <source>local model {name}</source>
        <translation>本地模型 {name}</translation>
    </message>
    <message>
        <source>figure (95 % interval)</source>
        <translation>数值（95% 置信区间）</translation>
    </message>
    <message>
        <source>No held-out images yet: train a local model (Model → Train a local model…); it holds out a part of the reviewed images, and the models are compared on them here.</source>
        <translation>还没有留出集图片：请训练一个本地模型（模型 → 训练本地模型…）；训练会留出一部分已审核图片，各模型将在这些图片上进行比较。</translation>
    </message>
    <message>
        <source>{metric} per model on {n} held-out image (95 % intervals)</source>
        <translation>各模型在 {n} 张留出集图片上的 {metric}（95% 置信区间）</translation>
    </message>
    <message>
        <source>{metric} per model on {n} held-out images (95 % intervals)</source>
        <translation>各模型在 {n} 张留出集图片上的 {metric}（95% 置信区间）</translation>
    </message>
    <message>
        <source>, with {n} example a class</source>
        <translation>，每个类别 {n} 个示例</translation>
    </message>
    <message>
        <source>, with {n} examples a class</source>
        <translation>，每个类别 {n} 个示例</translation>
    </message>
    <message>
        <source>{provider}/{model} (run {run}{examples})</source>
        <translation>{provider}/{model}（运行 {run}{examples}）</translation>
    </message>
</context>
<context>
    <name>review</name>
    <message>
        <source>Nothing was pending here; image done.</source>
        <translation>这里没有待定建议；图片已完成。</translation>
    </message>
    <message>
        <source>Accepted {n} suggestion; image done.</source>
        <translation>已接受 {n} 条建议；图片已完成。</translation>
    </message>
    <message>
        <source>Accepted {n} suggestions; image done.</source>
        <translation>已接受 {n} 条建议；图片已完成。</translation>
    </message>
    <message>
        <source>Rejected {n} suggestion; image done.</source>
        <translation>已拒绝 {n} 条建议；图片已完成。</translation>
    </message>
    <message>
        <source>Rejected {n} suggestions; image done.</source>
        <translation>已拒绝 {n} 条建议；图片已完成。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>{names} is not a class yet — M maps it</source>
        <translation>{names} 还不是类别——按 M 映射</translation>
    </message>
    <message>
        <source>{names} are not classes yet — M maps them</source>
        <translation>{names} 还不是类别——按 M 映射</translation>
    </message>
    <message>
        <source>Accepted {n} of {shown}: {why}.</source>
        <translation>已接受 {shown} 条中的 {n} 条：{why}。</translation>
    </message>
    <message>
        <source>Rejected {n} of {shown}: {why}.</source>
        <translation>已拒绝 {shown} 条中的 {n} 条：{why}。</translation>
    </message>
</context>
<context>
    <name>review_panel</name>
    <message>
        <source>✓✓ agreed · </source>
        <translation>✓✓ 一致 · </translation>
    </message>
    <message>
        <source>≠ disputed · </source>
        <translation>≠ 有分歧 · </translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>accepted (edited)</source>
        <translation>已接受（已修改）</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Hide below</source>
        <translation>隐藏低于</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Accept the selected suggestion (Enter / Y)</source>
        <translation>接受选中的建议（回车 / Y）</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Reject it (N / Delete)</source>
        <translation>拒绝（N / Delete）</translation>
    </message>
    <message>
        <source>All ✓</source>
        <translation>全部 ✓</translation>
    </message>
    <message>
        <source>Accept all shown, next image (Space)</source>
        <translation>接受全部显示的建议，下一张图片（空格）</translation>
    </message>
    <message>
        <source>All ✗</source>
        <translation>全部 ✗</translation>
    </message>
    <message>
        <source>Reject all shown, next image (X)</source>
        <translation>拒绝全部显示的建议，下一张图片（X）</translation>
    </message>
    <message>
        <source>Map…</source>
        <translation>映射…</translation>
    </message>
    <message>
        <source>Map an unknown label to a class (M)</source>
        <translation>将未知标签映射到类别（M）</translation>
    </message>
    <message>
        <source>Ask AI</source>
        <translation>询问 AI</translation>
    </message>
    <message>
        <source>Ask the AI about this image (I)</source>
        <translation>让 AI 标注此图片（I）</translation>
    </message>
    <message>
        <source>{label}  (unknown label: M maps it)</source>
        <translation>{label}  （未知标签：按 M 映射）</translation>
    </message>
    <message>
        <source>image tag: </source>
        <translation>图片标签：</translation>
    </message>
    <message>
        <source>%n pending</source>
        <translation>%n 条待定</translation>
    </message>
    <message>
        <source>%n hidden below {threshold}</source>
        <translation>%n 条低于 {threshold} 已隐藏</translation>
    </message>
    <message>
        <source>%n decided</source>
        <translation>%n 条已决定</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>No suggestions for this image (I asks the AI).</source>
        <translation>此图片没有建议（按 I 询问 AI）。</translation>
    </message>
</context>
<context>
    <name>reviewing</name>
    <message>
        <source>Add “{}” as a new class</source>
        <translation>将“{}”添加为新类别</translation>
    </message>
    <message>
        <source>No pending suggestion here: D goes to the next image, Space finishes this one.</source>
        <translation>这里没有待定建议：D 转到下一张图片，空格完成这一张。</translation>
    </message>
    <message>
        <source>No pending suggestion selected.</source>
        <translation>未选中待定建议。</translation>
    </message>
    <message>
        <source>All shown suggestions on this image are decided: Space or D to go on.</source>
        <translation>此图片上显示的建议都已处理：按空格或 D 继续。</translation>
    </message>
    <message>
        <source>No image needs review any more.</source>
        <translation>已没有需要审核的图片。</translation>
    </message>
    <message>
        <source>{done} {next}</source>
        <translation>{done}{next}</translation>
    </message>
    <message>
        <source>No unknown labels on this image.</source>
        <translation>此图片上没有未知标签。</translation>
    </message>
    <message>
        <source>Map label</source>
        <translation>映射标签</translation>
    </message>
    <message>
        <source>“{raw}” now means {name}, here and in every later answer.</source>
        <translation>“{raw}”现在表示 {name}，此处及之后的所有回答都适用。</translation>
    </message>
    <message>
        <source>Map an unknown label</source>
        <translation>映射未知标签</translation>
    </message>
    <message>
        <source>The model said “{raw}”. Map it to a class, for this and every later answer and import (the Classes panel lists the mappings):</source>
        <translation>模型给出的是“{raw}”。请将其映射到一个类别，适用于本次及之后的所有回答和导入（“类别”面板列出所有映射）：</translation>
    </message>
    <message>
        <source>This image is already tagged {name}.</source>
        <translation>此图片已有图片标签 {name}。</translation>
    </message>
    <message>
        <source>Tagged {name}.</source>
        <translation>已添加图片标签 {name}。</translation>
    </message>
    <message>
        <source>Tag removed.</source>
        <translation>已移除图片标签。</translation>
    </message>
    <message>
        <source>There is no class {n} yet: add classes in the Classes panel.</source>
        <translation>还没有类别 {n}：请在“类别”面板中添加类别。</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>请先打开一张图片。</translation>
    </message>
    <message>
        <source>There are no classes yet: add one in the Classes panel.</source>
        <translation>还没有类别：请在“类别”面板中添加。</translation>
    </message>
    <message>
        <source>Tag this image</source>
        <translation>为此图片添加图片标签</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>AI provider</source>
        <translation>AI 服务商</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>团队服务器</translation>
    </message>
</context>
<context>
    <name>shortcuts_page</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Restore default shortcuts</source>
        <translation>恢复默认快捷键</translation>
    </message>
    <message>
        <source>Click a shortcut (or press Enter on its row) and press the new key. Keys used by another action are refused.</source>
        <translation>点击一个快捷键（或在其所在行按回车），然后按下新的按键。已被其他操作使用的按键会被拒绝。</translation>
    </message>
    <message>
        <source>Shortcut not changed</source>
        <translation>快捷键未更改</translation>
    </message>
</context>
<context>
    <name>spotcheck</name>
    <message>
        <source>Extend the sample for the selected class</source>
        <translation>扩大所选类别的样本</translation>
    </message>
    <message>
        <source>Accept the passed classes</source>
        <translation>接受已通过的类别</translation>
    </message>
    <message>
        <source>Extend the sample</source>
        <translation>扩大样本</translation>
    </message>
    <message>
        <source>Accept the rest</source>
        <translation>接受其余建议</translation>
    </message>
    <message>
        <source>{value} %</source>
        <translation>{value}%</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>acceptance</source>
        <translation>接受率</translation>
    </message>
    <message>
        <source>95 % Wilson (a figure)</source>
        <translation>95% Wilson（参考）</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>%n image</source>
        <translation>%n 张图片</translation>
    </message>
    <message>
        <source>%n images</source>
        <translation>%n 张图片</translation>
    </message>
    <message>
        <source>%n suggestion</source>
        <translation>%n 条建议</translation>
    </message>
    <message>
        <source>%n suggestions</source>
        <translation>%n 条建议</translation>
    </message>
    <message>
        <source>%n pending suggestion</source>
        <translation>%n 条待定建议</translation>
    </message>
    <message>
        <source>%n pending suggestions</source>
        <translation>%n 条待定建议</translation>
    </message>
    <message>
        <source>(unknown) {label}</source>
        <translation>（未知标签）{label}</translation>
    </message>
    <message>
        <source>{names}, {name}</source>
        <translation>{names}、{name}</translation>
    </message>
    <message>
        <source>Added %n image to the sample (only that one was left): review them like the others.</source>
        <translation>已向样本加入 %n 张图片（只剩这一张）：请像其他图片一样审核。</translation>
    </message>
    <message>
        <source>Added %n images to the sample (only those were left): review them like the others.</source>
        <translation>已向样本加入 %n 张图片（只剩这些）：请像其他图片一样审核。</translation>
    </message>
    <message>
        <source>Added %n image to the sample: review them like the others.</source>
        <translation>已向样本加入 %n 张图片：请像其他图片一样审核。</translation>
    </message>
    <message>
        <source>Added %n images to the sample: review them like the others.</source>
        <translation>已向样本加入 %n 张图片：请像其他图片一样审核。</translation>
    </message>
    <message>
        <source>anytime-valid beta-binomial mixture</source>
        <translation>任意时刻有效的 β-二项分布混合</translation>
    </message>
    <message>
        <source>%v of %m reviewed</source>
        <translation>已审核 %v / %m</translation>
    </message>
    <message>
        <source>Pass and fail come from the {method} confidence sequence: valid however often you look. The Wilson interval is a figure for one look.</source>
        <translation>通过与不通过由{method}置信序列判定：无论查看多少次都有效。Wilson 置信区间只适用于单次查看，仅供参考。</translation>
    </message>
    <message>
        <source>Accepted unchanged: review a sampled image to begin.</source>
        <translation>原样接受：审核一张样本图片即可开始。</translation>
    </message>
    <message>
        <source>Spot-check {id} of run {run}: {size} of %n image, target {target}</source>
        <translation>抽检 {id}（运行 {run}）：从 %n 张图片中抽取 {size} 张，目标 {target}</translation>
    </message>
    <message>
        <source>Spot-check {id} of run {run}: {size} of %n images, target {target}</source>
        <translation>抽检 {id}（运行 {run}）：从 %n 张图片中抽取 {size} 张，目标 {target}</translation>
    </message>
    <message>
        <source>Spot-check {id} of all suggestions: {size} of %n image, target {target}</source>
        <translation>抽检 {id}（全部建议）：从 %n 张图片中抽取 {size} 张，目标 {target}</translation>
    </message>
    <message>
        <source>Spot-check {id} of all suggestions: {size} of %n images, target {target}</source>
        <translation>抽检 {id}（全部建议）：从 %n 张图片中抽取 {size} 张，目标 {target}</translation>
    </message>
    <message>
        <source>Accepted unchanged: {accepted} of %n image, {rate} (95 % Wilson interval {low}–{high}; anytime-valid bounds {cs_low}–{cs_high})</source>
        <translation>原样接受：{accepted} / %n 张图片，{rate}（95% Wilson 置信区间 {low}–{high}；任意时刻有效界限 {cs_low}–{cs_high}）</translation>
    </message>
    <message>
        <source>Accepted unchanged: {accepted} of %n images, {rate} (95 % Wilson interval {low}–{high}; anytime-valid bounds {cs_low}–{cs_high})</source>
        <translation>原样接受：{accepted} / %n 张图片，{rate}（95% Wilson 置信区间 {low}–{high}；任意时刻有效界限 {cs_low}–{cs_high}）</translation>
    </message>
    <message>
        <source>So far: accepted unchanged: {accepted} of %n image, {rate} (95 % Wilson interval {low}–{high}; anytime-valid bounds {cs_low}–{cs_high})</source>
        <translation>目前原样接受：{accepted} / %n 张图片，{rate}（95% Wilson 置信区间 {low}–{high}；任意时刻有效界限 {cs_low}–{cs_high}）</translation>
    </message>
    <message>
        <source>So far: accepted unchanged: {accepted} of %n images, {rate} (95 % Wilson interval {low}–{high}; anytime-valid bounds {cs_low}–{cs_high})</source>
        <translation>目前原样接受：{accepted} / %n 张图片，{rate}（95% Wilson 置信区间 {low}–{high}；任意时刻有效界限 {cs_low}–{cs_high}）</translation>
    </message>
    <message>
        <source>Suggestions accepted unchanged: {accepted} of {decided} decided</source>
        <translation>原样接受的建议：已决定 {decided} 条，其中 {accepted} 条</translation>
    </message>
    <message>
        <source>Suggestions accepted unchanged: {accepted} of {decided} decided, {rate} ({low}–{high})</source>
        <translation>原样接受的建议：已决定 {decided} 条，其中 {accepted} 条，{rate}（{low}–{high}）</translation>
    </message>
    <message>
        <source>The rest was accepted ({suggestions})</source>
        <translation>其余建议已接受（{suggestions}）</translation>
    </message>
    <message>
        <source>Accept the rest: {suggestions} on {images}</source>
        <translation>接受其余建议：{images}上的 {suggestions}</translation>
    </message>
    <message>
        <source>Accept the rest (nothing pending)</source>
        <translation>接受其余建议（没有待定建议）</translation>
    </message>
    <message>
        <source>Enabled on a pass of the anytime-valid verdict (at any look) while suggestions are pending on images nobody reviewed.</source>
        <translation>任意时刻有效的结论为通过（任何一次查看时均可）、且无人审核的图片上仍有待定建议时可用。</translation>
    </message>
    <message>
        <source>Accept the passed classes ({names}): {suggestions}</source>
        <translation>接受已通过的类别（{names}）：{suggestions}</translation>
    </message>
    <message>
        <source>Enabled when some classes passed on their own, the whole spot-check has not, and suggestions of those classes are pending.</source>
        <translation>当有类别单独通过、整个抽检尚未通过、且这些类别仍有待定建议时可用。</translation>
    </message>
    <message>
        <source>Extend the sample for {name}</source>
        <translation>扩大 {name} 的样本</translation>
    </message>
    <message>
        <source>Select a class whose verdict is not settled in the table.</source>
        <translation>请在表中选择一个尚无定论的类别。</translation>
    </message>
    <message>
        <source>Added %n image holding {name} to the sample: review them like the others.</source>
        <translation>已向样本加入 %n 张含有 {name} 的图片：请像其他图片一样审核。</translation>
    </message>
    <message>
        <source>Added %n images holding {name} to the sample: review them like the others.</source>
        <translation>已向样本加入 %n 张含有 {name} 的图片：请像其他图片一样审核。</translation>
    </message>
    <message>
        <source>Drawing more images…</source>
        <translation>正在抽取更多图片…</translation>
    </message>
    <message>
        <source>Extend the sample by %n image (K)</source>
        <translation>扩大样本，再抽 %n 张图片（K）</translation>
    </message>
    <message>
        <source>Extend the sample by %n images (K)</source>
        <translation>扩大样本，再抽 %n 张图片（K）</translation>
    </message>
    <message>
        <source>Extend the sample (K)</source>
        <translation>扩大样本（K）</translation>
    </message>
    <message>
        <source>Classes below the target: {names}.</source>
        <translation>低于目标的类别：{names}。</translation>
    </message>
    <message>
        <source>%n suggestion outside the sample has a label that is not a class yet; it is left for review.</source>
        <translation>样本之外有 %n 条建议的标签还不是类别，留待审核。</translation>
    </message>
    <message>
        <source>%n suggestions outside the sample have labels that are not classes yet; they are left for review.</source>
        <translation>样本之外有 %n 条建议的标签还不是类别，留待审核。</translation>
    </message>
    <message>
        <source>Accept {suggestions} on {images} nobody reviewed? {summary} This is one step: Undo restores them all.</source>
        <translation>接受无人审核的 {images}上的 {suggestions}吗？{summary}这是一步操作：撤销可全部恢复。</translation>
    </message>
    <message>
        <source>Accept {suggestions} of the classes that passed ({names}) on the images nobody reviewed? The other classes stay pending for review. This is one step: Undo restores them all.</source>
        <translation>接受无人审核的图片上已通过类别（{names}）的 {suggestions}吗？其他类别仍为待定，留待审核。这是一步操作：撤销可全部恢复。</translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation>正在接受…</translation>
    </message>
    <message>
        <source>; %n with an unknown label left for review</source>
        <translation>；%n 条带未知标签的建议留待审核</translation>
    </message>
    <message>
        <source>; %n with unknown labels left for review</source>
        <translation>；%n 条带未知标签的建议留待审核</translation>
    </message>
    <message>
        <source>Accepted {suggestions} on {images}{skipped}.</source>
        <translation>已接受 {images}上的 {suggestions}{skipped}。</translation>
    </message>
    <message>
        <source>Could not accept the rest: {reason}</source>
        <translation>无法接受其余建议：{reason}</translation>
    </message>
    <message>
        <source>New spot-check</source>
        <translation>新建抽检</translation>
    </message>
    <message>
        <source>All suggestions</source>
        <translation>全部建议</translation>
    </message>
    <message>
        <source>Run {id}: {provider}/{model}</source>
        <translation>运行 {id}：{provider}/{model}</translation>
    </message>
    <message>
        <source>Share of the images</source>
        <translation>图片比例</translation>
    </message>
    <message>
        <source>Margin of error (95 %)</source>
        <translation>误差范围（95%）</translation>
    </message>
    <message>
        <source> %</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Cover every predicted class (stratify)</source>
        <translation>覆盖每个预测类别（分层）</translation>
    </message>
    <message>
        <source>Every suggestion</source>
        <translation>全部建议</translation>
    </message>
    <message>
        <source>Only those two models agree on</source>
        <translation>仅两个模型一致的建议</translation>
    </message>
    <message>
        <source>Only those two models dispute</source>
        <translation>仅两个模型有分歧的建议</translation>
    </message>
    <message>
        <source>Suggestions of</source>
        <translation>建议来自</translation>
    </message>
    <message>
        <source>Sample size</source>
        <translation>样本量</translation>
    </message>
    <message>
        <source>Which suggestions</source>
        <translation>哪些建议</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Target acceptance</source>
        <translation>目标接受率</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>No image here has suggestions to check yet.</source>
        <translation>这里还没有可供抽检的带建议的图片。</translation>
    </message>
    <message>
        <source>{n} of %n image with suggestions will be sampled (images already reviewed count toward it).</source>
        <translation>将从 %n 张有建议的图片中抽取 {n} 张作为样本（已审核的图片计入其中）。</translation>
    </message>
    <message>
        <source>{n} of %n images with suggestions will be sampled (images already reviewed count toward it).</source>
        <translation>将从 %n 张有建议的图片中抽取 {n} 张作为样本（已审核的图片计入其中）。</translation>
    </message>
    <message>
        <source>Drawing the sample…</source>
        <translation>正在抽取样本…</translation>
    </message>
    <message>
        <source>(no class)</source>
        <translation>（无类别）</translation>
    </message>
    <message>
        <source>{reviewed} of {count} sampled image reviewed</source>
        <translation>已审核 {reviewed} / {count} 张样本图片</translation>
    </message>
    <message>
        <source>{reviewed} of {count} sampled images reviewed</source>
        <translation>已审核 {reviewed} / {count} 张样本图片</translation>
    </message>
    <message>
        <source>{head}; review some to see the acceptance.</source>
        <translation>{head}；审核一些图片后即可看到接受率。</translation>
    </message>
    <message>
        <source>{accepted} accepted unchanged: {rate} (95 % Wilson interval {low}–{high}; anytime-valid bounds {cs_low}–{cs_high}), target {target}</source>
        <translation>{accepted} 张原样接受：{rate}（95% Wilson 置信区间 {low}–{high}；任意时刻有效界限 {cs_low}–{cs_high}），目标 {target}</translation>
    </message>
    <message>
        <source>{accepted} accepted unchanged so far: {rate} (95 % Wilson interval {low}–{high}; anytime-valid bounds {cs_low}–{cs_high}), target {target}</source>
        <translation>目前 {accepted} 张原样接受：{rate}（95% Wilson 置信区间 {low}–{high}；任意时刻有效界限 {cs_low}–{cs_high}），目标 {target}</translation>
    </message>
    <message>
        <source>{head}; {rate}. Verdict: {headline}.</source>
        <translation>{head}；{rate}。结论：{headline}。</translation>
    </message>
    <message>
        <source>Failing classes: {names}.</source>
        <translation>未通过的类别：{names}。</translation>
    </message>
    <message>
        <source>Weakest classes: {names}.</source>
        <translation>最弱的类别：{names}。</translation>
    </message>
    <message>
        <source>Classes that passed: {names}.</source>
        <translation>已通过的类别：{names}。</translation>
    </message>
    <message>
        <source>no verdict yet</source>
        <translation>尚无结论</translation>
    </message>
    <message>
        <source>fail: below the target</source>
        <translation>不通过：低于目标</translation>
    </message>
    <message>
        <source>not settled so far</source>
        <translation>目前尚无定论</translation>
    </message>
    <message>
        <source>not settled: the whole sample leaves it open</source>
        <translation>尚无定论：整个样本仍无法定论</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>No verdict yet</source>
        <translation>尚无结论</translation>
    </message>
    <message>
        <source>pass: accept the rest in the Spot-check panel</source>
        <translation>通过：可在抽检面板中接受其余建议</translation>
    </message>
    <message>
        <source>not settled by the whole sample: K extends it</source>
        <translation>整个样本仍无定论：按 K 扩大样本</translation>
    </message>
    <message>
        <source>not settled, and no image is left to draw</source>
        <translation>尚无定论，且已没有可抽取的图片</translation>
    </message>
    <message>
        <source>the rate sits on the target, so more images may not settle it</source>
        <translation>接受率正好落在目标上，再多的图片也可能无法定论</translation>
    </message>
    <message>
        <source>about {count} more image would likely settle it</source>
        <translation>再抽约 {count} 张图片很可能就能定论</translation>
    </message>
    <message>
        <source>about {count} more images would likely settle it</source>
        <translation>再抽约 {count} 张图片很可能就能定论</translation>
    </message>
    <message>
        <source>It was given at an earlier look and stands: later reviews do not take it back.</source>
        <translation>该结论在较早的一次查看时得出并且有效：之后的审核不会推翻它。</translation>
    </message>
    <message>
        <source>Accept the rest accepts the pending suggestions of the images nobody reviewed (one step; Undo restores them).</source>
        <translation>“接受其余建议”会接受无人审核的图片上的待定建议（一步完成；撤销可全部恢复）。</translation>
    </message>
    <message>
        <source>It holds now, with {count} sampled image unreviewed: the verdict stays valid however often you look.</source>
        <translation>现在即已成立，还有 {count} 张样本图片未审核：无论查看多少次，该结论都有效。</translation>
    </message>
    <message>
        <source>It holds now, with {count} sampled images unreviewed: the verdict stays valid however often you look.</source>
        <translation>现在即已成立，还有 {count} 张样本图片未审核：无论查看多少次，该结论都有效。</translation>
    </message>
    <message>
        <source>{count} image left to review; pass or fail is shown as soon as the anytime-valid bounds clear the target ({more}).</source>
        <translation>还有 {count} 张图片待审核；一旦任意时刻有效界限越过目标，就会显示通过或不通过（{more}）。</translation>
    </message>
    <message>
        <source>{count} images left to review; pass or fail is shown as soon as the anytime-valid bounds clear the target ({more}).</source>
        <translation>还有 {count} 张图片待审核；一旦任意时刻有效界限越过目标，就会显示通过或不通过（{more}）。</translation>
    </message>
    <message>
        <source>The rate sits on the target, so more images may not settle it; extend the sample (K) to look further.</source>
        <translation>接受率正好落在目标上，再多的图片也可能无法定论；可扩大样本（K）继续查看。</translation>
    </message>
    <message>
        <source>Extend the sample (K): {more}.</source>
        <translation>扩大样本（K）：{more}。</translation>
    </message>
    <message>
        <source>Extend the sample (K): {more}, but only {available} is left: extending adds it.</source>
        <translation>扩大样本（K）：{more}，但只剩 {available} 张：扩大样本会把它加入。</translation>
    </message>
    <message>
        <source>Extend the sample (K): {more}, but only {available} are left: extending adds all {available}.</source>
        <translation>扩大样本（K）：{more}，但只剩 {available} 张：扩大样本会把这 {available} 张全部加入。</translation>
    </message>
    <message>
        <source>Review a sampled image to begin.</source>
        <translation>审核一张样本图片即可开始。</translation>
    </message>
    <message>
        <source>Pass: the AI is good enough for the rest</source>
        <translation>通过：AI 足以处理其余图片</translation>
    </message>
    <message>
        <source>Narrow the classes, change the prompt or model, or train a model.</source>
        <translation>请缩小类别范围、更换提示词或模型，或训练一个模型。</translation>
    </message>
    <message>
        <source>Fail: below the target</source>
        <translation>不通过：低于目标</translation>
    </message>
    <message>
        <source>Not settled so far</source>
        <translation>目前尚无定论</translation>
    </message>
    <message>
        <source>Not settled: the whole sample leaves it open</source>
        <translation>尚无定论：整个样本仍无法定论</translation>
    </message>
</context>
<context>
    <name>spotcheck_mode</name>
    <message>
        <source>Spot-check {id} could not be read.</source>
        <translation>无法读取抽检 {id}。</translation>
    </message>
    <message>
        <source>Spot-check: {n} sampled image; D/A and Space/X walk only the sample.</source>
        <translation>抽检：样本共 {n} 张图片；D/A 与空格/X 只在样本中移动。</translation>
    </message>
    <message>
        <source>Spot-check: {n} sampled images; D/A and Space/X walk only the sample.</source>
        <translation>抽检：样本共 {n} 张图片；D/A 与空格/X 只在样本中移动。</translation>
    </message>
    <message>
        <source>Left the spot-check: the whole folder is shown again.</source>
        <translation>已退出抽检：重新显示整个文件夹。</translation>
    </message>
    <message>
        <source>No spot-check is active.</source>
        <translation>当前没有进行中的抽检。</translation>
    </message>
    <message>
        <source>K extends a spot-check&apos;s sample: start one first (Review → Start spot-check…).</source>
        <translation>K 用于扩大抽检样本：请先开始一次抽检（审核 → 开始抽检…）。</translation>
    </message>
    <message>
        <source>; no more were left</source>
        <translation>；已没有更多图片可抽</translation>
    </message>
    <message>
        <source>Added {n} image to the sample ({total} in all){short}: review it like the others; D/A and Space/X walk the sample.</source>
        <translation>已向样本添加 {n} 张图片（共 {total} 张）{short}：像其他图片一样审核；D/A 与空格/X 在样本中移动。</translation>
    </message>
    <message>
        <source>Added {n} images to the sample ({total} in all){short}: review them like the others; D/A and Space/X walk the sample.</source>
        <translation>已向样本添加 {n} 张图片（共 {total} 张）{short}：像其他图片一样审核；D/A 与空格/X 在样本中移动。</translation>
    </message>
    <message>
        <source>No sampled image is left to review; {verdict}.</source>
        <translation>已没有待审核的样本图片；{verdict}。</translation>
    </message>
    <message>
        <source>Every sampled image is reviewed; {verdict}.</source>
        <translation>所有样本图片都已审核；{verdict}。</translation>
    </message>
    <message>
        <source>{reviewed} of {n} reviewed, {verdict}</source>
        <translation>已审核 {reviewed} / {n}，{verdict}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spot-check mode&lt;/b&gt;: {progress}. D/A and Space/X walk only the sample.</source>
        <translation>&lt;b&gt;抽检模式&lt;/b&gt;：{progress}。D/A 与空格/X 只在样本中移动。</translation>
    </message>
    <message>
        <source>Spot-check: {progress}</source>
        <translation>抽检：{progress}</translation>
    </message>
    <message>
        <source>Leave spot-check</source>
        <translation>退出抽检</translation>
    </message>
    <message>
        <source>Spot-check</source>
        <translation>抽检</translation>
    </message>
</context>
<context>
    <name>suggest</name>
    <message>
        <source>; {count} duplicate hidden</source>
        <translation>；隐藏 {count} 条重复项</translation>
    </message>
    <message>
        <source>; {count} duplicates hidden</source>
        <translation>；隐藏 {count} 条重复项</translation>
    </message>
    <message>
        <source> (${cost})</source>
        <translation>（${cost}）</translation>
    </message>
    <message>
        <source> (no price known)</source>
        <translation>（价格未知）</translation>
    </message>
    <message>
        <source>; {count} dropped</source>
        <translation>；丢弃 {count} 条</translation>
    </message>
    <message>
        <source>{count} suggestion for {image} from {model}{price}{dropped}{hidden}.</source>
        <translation>{model} 为 {image} 给出 {count} 条建议{price}{dropped}{hidden}。</translation>
    </message>
    <message>
        <source>{count} suggestions for {image} from {model}{price}{dropped}{hidden}.</source>
        <translation>{model} 为 {image} 给出 {count} 条建议{price}{dropped}{hidden}。</translation>
    </message>
    <message>
        <source>{count} suggestion added{hidden}</source>
        <translation>添加了 {count} 条建议{hidden}</translation>
    </message>
    <message>
        <source>{count} suggestions added{hidden}</source>
        <translation>添加了 {count} 条建议{hidden}</translation>
    </message>
    <message>
        <source>its suggestions are already here</source>
        <translation>其建议已在此处</translation>
    </message>
    <message>
        <source>Cached answer for {image} reused ({what}); no request was sent, nothing paid.</source>
        <translation>复用了 {image} 的缓存回答（{what}）；未发送请求，未产生费用。</translation>
    </message>
    <message>
        <source>No examples are sent.</source>
        <translation>不发送示例。</translation>
    </message>
    <message>
        <source>; at most {count} in all</source>
        <translation>；总共最多 {count} 张</translation>
    </message>
    <message>
        <source>{name} {count} ({picked} picked)</source>
        <translation>{name} {count} 张（{picked} 张手选）</translation>
    </message>
    <message>
        <source>{name} {count}</source>
        <translation>{name} {count} 张</translation>
    </message>
    <message>
        <source>{first}, {next}</source>
        <translation>{first}，{next}</translation>
    </message>
    <message>
        <source>Sends {count} example image: {parts} (up to {per_class} a class{capped}).</source>
        <translation>发送 {count} 张示例图片：{parts}（每个类别最多 {per_class} 张{capped}）。</translation>
    </message>
    <message>
        <source>Sends {count} example images: {parts} (up to {per_class} a class{capped}).</source>
        <translation>发送 {count} 张示例图片：{parts}（每个类别最多 {per_class} 张{capped}）。</translation>
    </message>
</context>
<context>
    <name>tags_panel</name>
    <message>
        <source>Tags:</source>
        <translation>图片标签：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>+ Tag</source>
        <translation>+ 标签</translation>
    </message>
    <message>
        <source>Tag this image with a class (T); Shift+1…9 toggles class 1…9</source>
        <translation>给此图片加类别标签（T）；Shift+1…9 切换类别 1…9</translation>
    </message>
    <message>
        <source>no class</source>
        <translation>无类别</translation>
    </message>
    <message>
        <source>Remove the tag {name} (Shift+{key} toggles it)</source>
        <translation>移除图片标签 {name}（Shift+{key} 切换）</translation>
    </message>
    <message>
        <source>Remove the tag {name}</source>
        <translation>移除图片标签 {name}</translation>
    </message>
</context>
<context>
    <name>team</name>
    <message>
        <source>{count} new annotation</source>
        <translation>{count} 个新标注</translation>
    </message>
    <message>
        <source>{count} new annotations</source>
        <translation>{count} 个新标注</translation>
    </message>
    <message>
        <source>Pulled {count} reviewed image from Label Studio project &apos;{title}&apos;: {accepted} accepted, {edited} edited, {rejected} rejected, {added}.</source>
        <translation>已从 Label Studio 项目“{title}”拉取 {count} 张已审核图片：接受 {accepted}，修改 {edited}，拒绝 {rejected}，{added}。</translation>
    </message>
    <message>
        <source>Pulled {count} reviewed images from Label Studio project &apos;{title}&apos;: {accepted} accepted, {edited} edited, {rejected} rejected, {added}.</source>
        <translation>已从 Label Studio 项目“{title}”拉取 {count} 张已审核图片：接受 {accepted}，修改 {edited}，拒绝 {rejected}，{added}。</translation>
    </message>
    <message>
        <source>Cancelled after {done} of {count} annotated task; the rest is pulled next time.</source>
        <translation>在 {count} 个已标注任务中处理 {done} 个后取消；其余将在下次拉取。</translation>
    </message>
    <message>
        <source>Cancelled after {done} of {count} annotated tasks; the rest is pulled next time.</source>
        <translation>在 {count} 个已标注任务中处理 {done} 个后取消；其余将在下次拉取。</translation>
    </message>
    <message>
        <source>Unchanged: {count} image.</source>
        <translation>未变化：{count} 张图片。</translation>
    </message>
    <message>
        <source>Unchanged: {count} images.</source>
        <translation>未变化：{count} 张图片。</translation>
    </message>
    <message>
        <source>{count} conflict (reviewed here and on the server differently; kept as reviewed here): {images}.</source>
        <translation>{count} 处冲突（此处与服务器上的审核不同；保留此处的审核）：{images}。</translation>
    </message>
    <message>
        <source>{count} conflicts (reviewed here and on the server differently; kept as reviewed here): {images}.</source>
        <translation>{count} 处冲突（此处与服务器上的审核不同；保留此处的审核）：{images}。</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>, {count} image already there</source>
        <translation>，{count} 张图片已在其中</translation>
    </message>
    <message>
        <source>, {count} images already there</source>
        <translation>，{count} 张图片已在其中</translation>
    </message>
    <message>
        <source> ({count} on images pushed before)</source>
        <translation>（其中 {count} 条在之前推送过的图片上）</translation>
    </message>
    <message>
        <source>{count} suggestion as predictions{later}</source>
        <translation>{count} 条建议作为预测{later}</translation>
    </message>
    <message>
        <source>{count} suggestions as predictions{later}</source>
        <translation>{count} 条建议作为预测{later}</translation>
    </message>
    <message>
        <source>, {count} reviewed image with annotations</source>
        <translation>，{count} 张已审核图片附带标注</translation>
    </message>
    <message>
        <source>, {count} reviewed images with annotations</source>
        <translation>，{count} 张已审核图片附带标注</translation>
    </message>
    <message>
        <source>Pushed {count} image to Label Studio project &apos;{title}&apos; (id {id}, {made}){already}, {predictions}{annotations}.</source>
        <translation>已向 Label Studio 项目“{title}”（id {id}，{made}）推送 {count} 张图片{already}，{predictions}{annotations}。</translation>
    </message>
    <message>
        <source>Pushed {count} images to Label Studio project &apos;{title}&apos; (id {id}, {made}){already}, {predictions}{annotations}.</source>
        <translation>已向 Label Studio 项目“{title}”（id {id}，{made}）推送 {count} 张图片{already}，{predictions}{annotations}。</translation>
    </message>
    <message>
        <source>Cancelled: {count} image left for the next push.</source>
        <translation>已取消：{count} 张图片留待下次推送。</translation>
    </message>
    <message>
        <source>Cancelled: {count} images left for the next push.</source>
        <translation>已取消：{count} 张图片留待下次推送。</translation>
    </message>
    <message>
        <source>Predictions shown: {version}.</source>
        <translation>显示的预测：{version}。</translation>
    </message>
    <message>
        <source>Left out: {count} image ({first}).</source>
        <translation>未包含：{count} 张图片（{first}）。</translation>
    </message>
    <message>
        <source>Left out: {count} images ({first}, …).</source>
        <translation>未包含：{count} 张图片（{first}，…）。</translation>
    </message>
    <message>
        <source>{image}: its size is not known yet</source>
        <translation>{image}：尚不知道其尺寸</translation>
    </message>
    <message>
        <source>{image}: {problem}</source>
        <translation>{image}：{problem}</translation>
    </message>
    <message>
        <source>Connected to Label Studio {version} at {url} as {name} ({email}).</source>
        <translation>已以 {name}（{email}）的身份连接到位于 {url} 的 Label Studio {version}。</translation>
    </message>
    <message>
        <source>Connected to Label Studio {version} at {url} as {name}.</source>
        <translation>已以 {name} 的身份连接到位于 {url} 的 Label Studio {version}。</translation>
    </message>
    <message>
        <source>pushing to the team server</source>
        <translation>推送到团队服务器</translation>
    </message>
    <message>
        <source>pulling from the team server</source>
        <translation>从团队服务器拉取</translation>
    </message>
</context>
<context>
    <name>team_page</name>
    <message>
        <source>http://localhost:8080</source>
        <translation>http://localhost:8080</translation>
    </message>
    <message>
        <source>Label Studio URL</source>
        <translation>Label Studio 网址</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>&amp;Save in the keyring</source>
        <translation>保存到密钥环(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Label Studio &amp;URL:</source>
        <translation>Label Studio 地址(&amp;U)：</translation>
    </message>
    <message>
        <source>Access to&amp;ken:</source>
        <translation>访问令牌(&amp;K)：</translation>
    </message>
    <message>
        <source>stored in the keyring (type a new one to replace it)</source>
        <translation>已保存在系统密钥环中（输入新的令牌即可替换）</translation>
    </message>
    <message>
        <source>from {env} (type one to use another)</source>
        <translation>来自环境变量 {env}（输入令牌即可改用另一个）</translation>
    </message>
    <message>
        <source>a personal access token from Label Studio&apos;s Account &amp; Settings</source>
        <translation>在 Label Studio 账户设置页面中生成的个人访问令牌</translation>
    </message>
    <message>
        <source>No system keyring is available on this machine, so the URL and token cannot be saved here; set {url_env} and {token_env} in the environment instead.</source>
        <translation>本机没有可用的系统密钥环，无法在此保存地址和令牌；请改为在环境变量中设置 {url_env} 和 {token_env}。</translation>
    </message>
    <message>
        <source>The URL and token are kept in the system keyring, never in the settings or project files.</source>
        <translation>地址和令牌保存在系统密钥环中，绝不会写入设置或项目文件。</translation>
    </message>
    <message>
        <source> The URL shown is the one in the keyring.</source>
        <translation>显示的地址来自系统密钥环。</translation>
    </message>
    <message>
        <source> The URL shown comes from {env}.</source>
        <translation>显示的地址来自环境变量 {env}。</translation>
    </message>
    <message>
        <source>Give the server&apos;s URL and an access token to save them.</source>
        <translation>请填写服务器地址和访问令牌后再保存。</translation>
    </message>
    <message>
        <source>Saved the URL {url} and the token in the keyring.</source>
        <translation>已将 URL {url} 和访问令牌保存到系统密钥环。</translation>
    </message>
    <message>
        <source>Testing the Label Studio server…</source>
        <translation>正在测试 Label Studio 服务器…</translation>
    </message>
    <message>
        <source>The test could not run: {reason}</source>
        <translation>无法运行测试：{reason}</translation>
    </message>
</context>
<context>
    <name>team_push</name>
    <message>
        <source>Images not reviewed yet</source>
        <translation>尚未审核的图片</translation>
    </message>
    <message>
        <source>Reviewed images (with their annotations)</source>
        <translation>已审核的图片（连同其标注）</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>全部图片</translation>
    </message>
    <message>
        <source>Team server (Label Studio)</source>
        <translation>团队服务器（Label Studio）</translation>
    </message>
    <message>
        <source>a project name (made on push) or its id</source>
        <translation>项目名称（推送时创建）或其 ID</translation>
    </message>
    <message>
        <source>&amp;Push</source>
        <translation>推送(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;ull</source>
        <translation>拉取(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Push sends each image as a task, its pending suggestions as predictions; Pull brings the team&apos;s completed annotations back as reviews. The server URL and token are set in Settings → Team server.</source>
        <translation>推送把每张图片作为一个任务发送，其待定建议作为预测；拉取把团队完成的标注作为审核结果取回。服务器地址和令牌在“设置 → 团队服务器”中设置。</translation>
    </message>
    <message>
        <source>Label Studio &amp;project:</source>
        <translation>Label Studio 项目(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Images to push:</source>
        <translation>要推送的图片(&amp;I)：</translation>
    </message>
    <message>
        <source>Server&apos;s &amp;document root:</source>
        <translation>服务器的文档根目录(&amp;D)：</translation>
    </message>
    <message>
        <source>Name the Label Studio project first.</source>
        <translation>请先填写 Label Studio 项目名称。</translation>
    </message>
    <message>
        <source>Cancelling: the push stops after the batch it is sending.</source>
        <translation>正在取消：推送将在当前批次发送完后停止。</translation>
    </message>
    <message>
        <source>Cancelling: the pull stops after the image it is on.</source>
        <translation>正在取消：拉取将在当前图片处理完后停止。</translation>
    </message>
    <message>
        <source>Pushing…</source>
        <translation>正在推送…</translation>
    </message>
    <message>
        <source>Pulling…</source>
        <translation>正在拉取…</translation>
    </message>
</context>
<context>
    <name>train</name>
    <message>
        <source>Detect objects (boxes)</source>
        <translation>目标检测（框）</translation>
    </message>
    <message>
        <source>Classify images (one tag each)</source>
        <translation>图片分类（每张一个图片标签）</translation>
    </message>
    <message>
        <source>val mAP50</source>
        <translation>验证集 mAP50</translation>
    </message>
    <message>
        <source>val top-1</source>
        <translation>验证集首位准确率</translation>
    </message>
    <message>
        <source>epoch 0</source>
        <translation>第 0 轮</translation>
    </message>
    <message>
        <source>loss (scaled)</source>
        <translation>损失（已缩放）</translation>
    </message>
    <message>
        <source>no epoch yet</source>
        <translation>尚无训练轮次</translation>
    </message>
    <message>
        <source>“Create the training environment” below makes it (about 6 GB on disk; a few minutes), or run `glancelabel train-env create`</source>
        <translation>点击下方的“创建训练环境”即可创建（约占 6 GB 磁盘空间，需要几分钟），或运行 `glancelabel train-env create`</translation>
    </message>
    <message>
        <source>Train a local model</source>
        <translation>训练本地模型</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>val</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Reading the reviewed images…</source>
        <translation>正在读取已审核的图片…</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Checking the training environment…</source>
        <translation>正在检查训练环境…</translation>
    </message>
    <message>
        <source>Create the training &amp;environment</source>
        <translation>创建训练环境(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>取消训练(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Use this model for suggestions</source>
        <translation>用此模型生成建议(&amp;U)</translation>
    </message>
    <message>
        <source>Co&amp;mpare with the other models…</source>
        <translation>与其他模型比较(&amp;M)…</translation>
    </message>
    <message>
        <source>What it learns from</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>T&amp;ask</source>
        <translation>任务(&amp;A)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>E&amp;pochs</source>
        <translation>轮数(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Image size</source>
        <translation>图片尺寸(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Weights</source>
        <translation>权重(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Output folder</source>
        <translation>输出文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Training environment</source>
        <translation>训练环境</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>{n} image to train on, {val} held out for val (reviewed by a person, never trained on, kept for comparing models).</source>
        <translation>{n} 张图片用于训练，{val} 张留出作验证集（由人审核过，从不参与训练，用于比较模型）。</translation>
    </message>
    <message>
        <source>{n} images to train on, {val} held out for val (reviewed by a person, never trained on, kept for comparing models).</source>
        <translation>{n} 张图片用于训练，{val} 张留出作验证集（由人审核过，从不参与训练，用于比较模型）。</translation>
    </message>
    <message>
        <source>GPU: {name}</source>
        <translation>GPU：{name}</translation>
    </message>
    <message>
        <source>no GPU: trains on the CPU</source>
        <translation>无 GPU：在 CPU 上训练</translation>
    </message>
    <message>
        <source>Installed at {path} (Python {python}; {versions}; {device}).</source>
        <translation>安装于 {path}（Python {python}；{versions}；{device}）。</translation>
    </message>
    <message>
        <source>Training run {id} is {status}.</source>
        <translation>训练运行 {id} 的状态：{status}。</translation>
    </message>
    <message>
        <source>Earlier trainings:</source>
        <translation>以往的训练：</translation>
    </message>
    <message>
        <source>Creating the training environment (several GB; a few minutes)…</source>
        <translation>正在创建训练环境（数 GB；需要几分钟）…</translation>
    </message>
    <message>
        <source>Preparing the training data…</source>
        <translation>正在准备训练数据…</translation>
    </message>
    <message>
        <source>Exported {n} image to train on and {val} for val; starting…</source>
        <translation>已导出 {n} 张训练图片和 {val} 张验证图片；正在开始…</translation>
    </message>
    <message>
        <source>Exported {n} images to train on and {val} for val; starting…</source>
        <translation>已导出 {n} 张训练图片和 {val} 张验证图片；正在开始…</translation>
    </message>
    <message>
        <source>Training {weights} at {size} px on {device} (Ultralytics {version})…</source>
        <translation>正在以 {size} 像素在 {device} 上训练 {weights}（Ultralytics {version}）…</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Epoch {epoch} of {epochs}</source>
        <translation>第 {epoch} / {epochs} 轮</translation>
    </message>
    <message>
        <source>Output folder for trained models</source>
        <translation>训练所得模型的输出文件夹</translation>
    </message>
    <message>
        <source>the training environment (above)</source>
        <translation>训练环境（见上）</translation>
    </message>
    <message>
        <source>done images with boxes</source>
        <translation>带框的已完成图片</translation>
    </message>
    <message>
        <source>Train needs {what} first.</source>
        <translation>训练需要先有{what}。</translation>
    </message>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <source>Not started: {why}</source>
        <translation>未开始：{why}</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>未开始。</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>Training installs Ultralytics (AGPL-3.0), PyTorch (BSD-3-Clause), ONNX and onnxslim (Apache-2.0/MIT) into a Python environment of their own, about 6 GB; GlanceLabel runs them in a separate process and does not include their code.</source>
        <translation>训练会把 Ultralytics（AGPL-3.0）、PyTorch（BSD-3-Clause）、ONNX 和 onnxslim（Apache-2.0/MIT）安装到一个独立的 Python 环境中，约 6 GB；GlanceLabel 在单独的进程中运行它们，不包含它们的代码。</translation>
    </message>
    <message>
        <source>Making a Python environment at {env} with {python}</source>
        <translation>正在用 {python} 在 {env} 创建 Python 环境</translation>
    </message>
    <message>
        <source>Installing {packages} (several GB; this takes a few minutes)</source>
        <translation>正在安装 {packages}（数 GB；需要几分钟）</translation>
    </message>
    <message>
        <source>{name} has no training examples; the model will not learn it.</source>
        <translation>{name} 没有训练样例；模型将学不到它。</translation>
    </message>
    <message>
        <source>{name} has only {count} training example (fewer than {few}); the model will hardly learn it.</source>
        <translation>{name} 只有 {count} 个训练样例（少于 {few} 个）；模型很难学会它。</translation>
    </message>
    <message>
        <source>{name} has only {count} training examples (fewer than {few}); the model will hardly learn it.</source>
        <translation>{name} 只有 {count} 个训练样例（少于 {few} 个）；模型很难学会它。</translation>
    </message>
    <message>
        <source>{count} image will be converted to PNG for Ultralytics, which cannot read them as they are.</source>
        <translation>{count} 张图片将转换为 PNG，因为 Ultralytics 无法直接读取它们。</translation>
    </message>
    <message>
        <source>{count} images will be converted to PNG for Ultralytics, which cannot read them as they are.</source>
        <translation>{count} 张图片将转换为 PNG，因为 Ultralytics 无法直接读取它们。</translation>
    </message>
    <message>
        <source>The training data could not be written: {error}</source>
        <translation>无法写入训练数据：{error}</translation>
    </message>
    <message>
        <source>The trainer could not be started: {error}.</source>
        <translation>无法启动训练程序：{error}。</translation>
    </message>
    <message>
        <source>The trainer stopped without a result ({error}).</source>
        <translation>训练程序未产生结果就停止了（{error}）。</translation>
    </message>
    <message>
        <source>The trainer stopped without a result (exit status {code}).</source>
        <translation>训练程序未产生结果就停止了（退出状态 {code}）。</translation>
    </message>
    <message>
        <source>{message}</source>
        <translation>{message}</translation>
    </message>
    <message>
        <source>Could not download the pretrained weights {weights} ({detail}). With no network, train from scratch with --weights {stem}.yaml, or give the path of a .pt file.</source>
        <translation>无法下载预训练权重 {weights}（{detail}）。没有网络时，请用 --weights {stem}.yaml 从头训练，或给出一个 .pt 文件的路径。</translation>
    </message>
    <message>
        <source>Could not load the weights {weights}: {detail}.</source>
        <translation>无法加载权重 {weights}：{detail}。</translation>
    </message>
    <message>
        <source>Training run {run} failed: {error}.</source>
        <translation>训练运行 {run} 失败：{error}。</translation>
    </message>
    <message>
        <source>The trainer failed.</source>
        <translation>训练程序失败。</translation>
    </message>
    <message>
        <source>Training run {run} was cancelled after {count} epoch; no model was registered.</source>
        <translation>训练运行 {run} 在 {count} 个轮次后被取消；未登记任何模型。</translation>
    </message>
    <message>
        <source>Training run {run} was cancelled after {count} epochs; no model was registered.</source>
        <translation>训练运行 {run} 在 {count} 个轮次后被取消；未登记任何模型。</translation>
    </message>
    <message>
        <source>The trained model could not be saved to {path} ({error}); no model was registered.</source>
        <translation>训练好的模型无法保存到 {path}（{error}）；未登记任何模型。</translation>
    </message>
    <message>
        <source>val {metric} {value}</source>
        <translation>验证集 {metric} {value}</translation>
    </message>
    <message>
        <source>no val figure</source>
        <translation>无验证集指标</translation>
    </message>
    <message>
        <source>Trained {name} for {count} epoch in {seconds} s: {figure}; saved as {path}.</source>
        <translation>已训练 {name}，共 {count} 个轮次，用时 {seconds} 秒：{figure}；已保存为 {path}。</translation>
    </message>
    <message>
        <source>Trained {name} for {count} epochs in {seconds} s: {figure}; saved as {path}.</source>
        <translation>已训练 {name}，共 {count} 个轮次，用时 {seconds} 秒：{figure}；已保存为 {path}。</translation>
    </message>
    <message>
        <source>The training environment is ready.</source>
        <translation>训练环境已就绪。</translation>
    </message>
    <message>
        <source>The training environment is not ready.</source>
        <translation>训练环境尚未就绪。</translation>
    </message>
    <message>
        <source>training a local model</source>
        <translation>训练本地模型</translation>
    </message>
    <message>
        <source>Cancelling the training: it stops at its next batch.</source>
        <translation>正在取消训练：将在下一个批次处停止。</translation>
    </message>
    <message>
        <source>{result} {model} is now listed in Settings → AI provider → Local model.</source>
        <translation>{result}{model} 现已列在 设置 → AI 服务商 → 本地模型 中。</translation>
    </message>
    <message>
        <source>Suggestions now come from the local model {model} (Settings → AI provider); I asks about this image, Ctrl+B about many.</source>
        <translation>现在由本地模型 {model} 提供建议（设置 → AI 服务商）；I 询问当前图片，Ctrl+B 询问多张图片。</translation>
    </message>
    <message>
        <source>Training run {run} was interrupted after {count} of {total} epoch (the app or the trainer stopped); no model was registered.</source>
        <translation>训练运行 {run} 在 {total} 个轮次中完成 {count} 个后中断（应用或训练程序已停止）；未登记任何模型。</translation>
    </message>
    <message>
        <source>Training run {run} was interrupted after {count} of {total} epochs (the app or the trainer stopped); no model was registered.</source>
        <translation>训练运行 {run} 在 {total} 个轮次中完成 {count} 个后中断（应用或训练程序已停止）；未登记任何模型。</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <source>{count} image</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <source>{count} images</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <source>an image</source>
        <translation>一张图片</translation>
    </message>
    <message>
        <source> and mark it done</source>
        <translation>，并将其标为已完成</translation>
    </message>
    <message>
        <source>exclude {image}</source>
        <translation>排除 {image}</translation>
    </message>
    <message>
        <source>include {image} again</source>
        <translation>重新纳入 {image}</translation>
    </message>
    <message>
        <source>mark {image} done</source>
        <translation>将 {image} 标为已完成</translation>
    </message>
    <message>
        <source>mark {image} not done</source>
        <translation>将 {image} 标为未完成</translation>
    </message>
    <message>
        <source>a {name} tag</source>
        <translation>一个“{name}”图片标签</translation>
    </message>
    <message>
        <source>a tag without a class</source>
        <translation>一个无类别的图片标签</translation>
    </message>
    <message>
        <source>a {name} box</source>
        <translation>一个“{name}”框</translation>
    </message>
    <message>
        <source>a box without a class</source>
        <translation>一个无类别的框</translation>
    </message>
    <message>
        <source>{change}{done}</source>
        <translation>{change}{done}</translation>
    </message>
    <message>
        <source>draw {what} on {image}</source>
        <translation>在 {image} 上绘制{what}</translation>
    </message>
    <message>
        <source>paste {boxes} on {image}</source>
        <translation>在 {image} 上粘贴 {boxes}</translation>
    </message>
    <message>
        <source>{count} box</source>
        <translation>{count} 个框</translation>
    </message>
    <message>
        <source>{count} boxes</source>
        <translation>{count} 个框</translation>
    </message>
    <message>
        <source>tag {image} {name}</source>
        <translation>为 {image} 添加图片标签“{name}”</translation>
    </message>
    <message>
        <source>tag {image} with a class</source>
        <translation>为 {image} 添加一个类别的图片标签</translation>
    </message>
    <message>
        <source>remove the {name} tag from {image}</source>
        <translation>移除 {image} 的图片标签“{name}”</translation>
    </message>
    <message>
        <source>remove the class tag from {image}</source>
        <translation>移除 {image} 的类别图片标签</translation>
    </message>
    <message>
        <source>delete {what} on {image}</source>
        <translation>删除 {image} 上的{what}</translation>
    </message>
    <message>
        <source>delete {annotations} on {image}</source>
        <translation>删除 {image} 上的 {annotations}</translation>
    </message>
    <message>
        <source>{count} annotation</source>
        <translation>{count} 个标注</translation>
    </message>
    <message>
        <source>{count} annotations</source>
        <translation>{count} 个标注</translation>
    </message>
    <message>
        <source>change a box to {name} on {image}</source>
        <translation>将 {image} 上的一个框改为“{name}”</translation>
    </message>
    <message>
        <source>take a box&apos;s class away on {image}</source>
        <translation>去掉 {image} 上一个框的类别</translation>
    </message>
    <message>
        <source>move or resize {what} on {image}</source>
        <translation>移动或缩放 {image} 上的{what}</translation>
    </message>
    <message>
        <source>change the boxes on {image}</source>
        <translation>修改 {image} 上的框</translation>
    </message>
    <message>
        <source>a suggestion</source>
        <translation>一条建议</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>{count} suggestion</source>
        <translation>{count} 条建议</translation>
    </message>
    <message>
        <source>{count} suggestions</source>
        <translation>{count} 条建议</translation>
    </message>
    <message>
        <source>accept {what} on {image}{done}</source>
        <translation>接受 {image} 上的 {what}{done}</translation>
    </message>
    <message>
        <source>reject {what} on {image}{done}</source>
        <translation>拒绝 {image} 上的 {what}{done}</translation>
    </message>
    <message>
        <source>change a suggestion to &apos;{name}&apos; on {image}</source>
        <translation>将 {image} 上的一条建议改为“{name}”</translation>
    </message>
    <message>
        <source>take a suggestion&apos;s class away on {image}</source>
        <translation>去掉 {image} 上一条建议的类别</translation>
    </message>
    <message>
        <source>move or resize the suggestion {what} on {image}</source>
        <translation>移动或缩放 {image} 上的建议 {what}</translation>
    </message>
    <message>
        <source>map a label to a class</source>
        <translation>将一个标签映射到类别</translation>
    </message>
    <message>
        <source>map &apos;{raw}&apos; to {name}</source>
        <translation>将“{raw}”映射到“{name}”</translation>
    </message>
    <message>
        <source>map &apos;{raw}&apos; to a class</source>
        <translation>将“{raw}”映射到一个类别</translation>
    </message>
    <message>
        <source>forget the mapping of &apos;{raw}&apos;</source>
        <translation>删除“{raw}”的映射</translation>
    </message>
    <message>
        <source>forget a label mapping</source>
        <translation>删除一个标签映射</translation>
    </message>
    <message>
        <source>decide {what} on {image}</source>
        <translation>处理 {image} 上的 {what}</translation>
    </message>
    <message>
        <source> and mark {count} image done</source>
        <translation>，并将 {count} 张图片标为已完成</translation>
    </message>
    <message>
        <source> and mark {count} images done</source>
        <translation>，并将 {count} 张图片标为已完成</translation>
    </message>
    <message>
        <source>reject &apos;{name}&apos; on {image}{done}</source>
        <translation>拒绝 {image} 上的“{name}”{done}</translation>
    </message>
    <message>
        <source>accept &apos;{name}&apos; as &apos;{other}&apos; on {image}{done}</source>
        <translation>接受 {image} 上的“{name}”并改为“{other}”{done}</translation>
    </message>
    <message>
        <source>accept &apos;{name}&apos; on {image}{done}</source>
        <translation>接受 {image} 上的“{name}”{done}</translation>
    </message>
    <message>
        <source>accept {n}</source>
        <translation>接受 {n} 条</translation>
    </message>
    <message>
        <source>accept {n} as &apos;{other}&apos;</source>
        <translation>接受 {n} 条并改为“{other}”</translation>
    </message>
    <message>
        <source>reject {n}</source>
        <translation>拒绝 {n} 条</translation>
    </message>
    <message>
        <source>accept {n} &apos;{name}&apos; suggestions as &apos;{other}&apos; on {image}{done}</source>
        <translation>接受 {image} 上的 {n} 条“{name}”建议并改为“{other}”{done}</translation>
    </message>
    <message>
        <source>{decision} &apos;{name}&apos; suggestions on {image}{done}</source>
        <translation>在 {image} 上的“{name}”建议中{decision}{done}</translation>
    </message>
    <message>
        <source>{decisions} of {n} &apos;{name}&apos; suggestions on {image}{done}</source>
        <translation>在 {image} 上的 {n} 条“{name}”建议中{decisions}{done}</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} 和 {last}</translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <translation>{first}、{rest}</translation>
    </message>
    <message>
        <source>add class {name}</source>
        <translation>添加类别 {name}</translation>
    </message>
    <message>
        <source>add {classes}</source>
        <translation>添加 {classes}</translation>
    </message>
    <message>
        <source>{count} class</source>
        <translation>{count} 个类别</translation>
    </message>
    <message>
        <source>{count} classes</source>
        <translation>{count} 个类别</translation>
    </message>
    <message>
        <source>add class {name} from the suggested label</source>
        <translation>由建议的标签添加类别 {name}</translation>
    </message>
    <message>
        <source>delete class {name}</source>
        <translation>删除类别 {name}</translation>
    </message>
    <message>
        <source>delete a class</source>
        <translation>删除一个类别</translation>
    </message>
    <message>
        <source>reorder the classes</source>
        <translation>调整类别顺序</translation>
    </message>
    <message>
        <source>change a class</source>
        <translation>修改一个类别</translation>
    </message>
    <message>
        <source>rename class {old} to {new}</source>
        <translation>将类别 {old} 重命名为 {new}</translation>
    </message>
    <message>
        <source>change the colour of class {name}</source>
        <translation>修改类别 {name} 的颜色</translation>
    </message>
    <message>
        <source>change the key of class {name}</source>
        <translation>修改类别 {name} 的按键</translation>
    </message>
    <message>
        <source>change class {name}</source>
        <translation>修改类别 {name}</translation>
    </message>
    <message>
        <source>change the classes</source>
        <translation>修改类别</translation>
    </message>
    <message>
        <source>accept the rest of the spot-check ({count} suggestion)</source>
        <translation>接受抽检之外的其余建议（{count} 条）</translation>
    </message>
    <message>
        <source>accept the rest of the spot-check ({count} suggestions)</source>
        <translation>接受抽检之外的其余建议（{count} 条）</translation>
    </message>
    <message>
        <source>build the consensus of runs {a} and {b} ({n} agreed suggestion)</source>
        <translation>构建运行 {a} 与 {b} 的共识（{n} 条一致建议）</translation>
    </message>
    <message>
        <source>build the consensus of runs {a} and {b} ({n} agreed suggestions)</source>
        <translation>构建运行 {a} 与 {b} 的共识（{n} 条一致建议）</translation>
    </message>
    <message>
        <source>import {count} annotation</source>
        <translation>导入 {count} 个标注</translation>
    </message>
    <message>
        <source>import {count} annotations</source>
        <translation>导入 {count} 个标注</translation>
    </message>
    <message>
        <source>take the reviews of {n} images from Label Studio</source>
        <translation>从 Label Studio 取回 {n} 张图片的审核</translation>
    </message>
    <message>
        <source>take {image}&apos;s review from Label Studio</source>
        <translation>从 Label Studio 取回 {image} 的审核</translation>
    </message>
    <message>
        <source>take the reviews of {n} images by {who} from Label Studio</source>
        <translation>从 Label Studio 取回 {who} 对 {n} 张图片的审核</translation>
    </message>
    <message>
        <source>take {image}&apos;s review by {who} from Label Studio</source>
        <translation>从 Label Studio 取回 {who} 对 {image} 的审核</translation>
    </message>
    <message>
        <source>the last change</source>
        <translation>上一次更改</translation>
    </message>
</context>
</TS>
