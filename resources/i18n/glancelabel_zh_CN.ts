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
        <translation>&lt;b&gt;如何审核&lt;/b&gt;&lt;ol style=&apos;margin-left: 12px&apos;&gt;&lt;li&gt;&lt;b&gt;询问&lt;/b&gt;：按 I 让 AI 标注当前图片；按 Ctrl+B 批量询问多张（批量运行）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;决定&lt;/b&gt;：Enter 或 Y 接受选中的建议，N 拒绝，Tab 转到下一个；M 把项目中没有的标签映射到某个类别。&lt;/li&gt;&lt;li&gt;&lt;b&gt;空格&lt;/b&gt;接受图片上剩下的建议，将图片标为已完成，并显示下一张需要审核的图片（X 则拒绝剩下的建议；0 表示无目标）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;抽检&lt;/b&gt;（审核菜单）：人工审核一份随机样本，了解 AI 的准确程度；通过后即可接受其余建议。&lt;/li&gt;&lt;li&gt;&lt;b&gt;导出&lt;/b&gt;（Ctrl+E）：从已完成的图片导出 COCO、YOLO 等格式。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;在选中的建议上按 1–9 或 L 只修改其类别；拖动、缩放或微移只修改其框；建议保持待定，直到按 Enter/Y 以“已修改”接受。&lt;/p&gt;&lt;p&gt;图片只有在你确认后才算完成：按空格、X 或 0，或在决定或修改过图片上的内容且没有待定建议后按 D/→。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>How to review, and the keys</source>
        <translation>如何审核，以及快捷键</translation>
    </message>
    <message>
        <source>Filter the keys (e.g. “space”, “class”, “zoom”)</source>
        <translation>筛选快捷键（例如“空格”“类别”“缩放”）</translation>
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
        <source>Box (x, y, w, h)</source>
        <translation>框 (x, y, w, h)</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>No boxes on this image yet (W draws one).</source>
        <translation>此图片上还没有框（按 W 画框）。</translation>
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
        <translation>费用上限</translation>
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
        <source>Estimating…</source>
        <translation>正在估算…</translation>
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
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>No batch run in this project yet.</source>
        <translation>此项目中还没有批量运行。</translation>
    </message>
    <message>
        <source>Collecting Batch API results…</source>
        <translation>正在获取 Batch API 结果…</translation>
    </message>
</context>
<context>
    <name>class_picker</name>
    <message>
        <source>Type to filter, Enter to pick</source>
        <translation>输入以筛选，按 Enter 选择</translation>
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
</context>
<context>
    <name>examples</name>
    <message>
        <source>Each example is sent before the image in question: the reviewed image (at most 512 px) with its boxes drawn and named, and its answer listed as coordinates in that image&apos;s frame. Spot-check and held-out images are never examples.</source>
        <translation>每个示例都在所问的图片之前发送：已审核的图片（最长边不超过 512 px），画出并标明它的框，并附上它的答案，坐标按该图片的画面给出。抽检图片和留出集图片永远不会用作示例。</translation>
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
        <source>Select a picked example to remove it.</source>
        <translation>请选择一个挑选的示例以移除它。</translation>
    </message>
    <message>
        <source>That example was picked for you; it is not kept, so there is nothing to remove.</source>
        <translation>该示例是自动为你挑选的，并未保存，因此无需移除。</translation>
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
        <translation>所有文件夹（或：sub/a, sub/b）</translation>
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
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
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
</context>
<context>
    <name>grid</name>
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
        <translation>方向键移动 · X 或 N 翻转图块以拒绝，Enter 接受单个图块：两者都会移到下一个未标记的图块 · 空格接受本页并翻页 · 1–9 改为其他类别 · Ctrl+Z 撤销本页 · 单击打开图片 · Esc 或 G 返回</translation>
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
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose the dataset file or folder to import.</source>
        <translation>请选择要导入的数据集文件或文件夹。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
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
        <source>Import again</source>
        <translation>再次导入</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>labels_panel</name>
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
</context>
<context>
    <name>local_models</name>
    <message>
        <source>&amp;Trained in this project:</source>
        <translation>在此项目中训练的(&amp;T)：</translation>
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
    <name>prompt</name>
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
        <source>Preparing the image…</source>
        <translation>正在准备图片…</translation>
    </message>
    <message>
        <source>The prepared image could not be shown.</source>
        <translation>无法显示准备好的图片。</translation>
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
        <translation>本地，离线（无需密钥，不联网）</translation>
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
        <translation>服务商为“本地”时使用。</translation>
    </message>
    <message>
        <source>No model chosen: the local engine reads text (RapidOCR).</source>
        <translation>未选择模型：本地引擎识别文字（RapidOCR）。</translation>
    </message>
    <message>
        <source>Boxes come from this detector; class names from its metadata.</source>
        <translation>框来自此检测器；类别名称来自其元数据。</translation>
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
        <source>tag accuracy</source>
        <translation>图片标签准确率</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已修改</translation>
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
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>AI quality report</source>
        <translation>AI 质量报告</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
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
        <source>No reviewed image has AI suggestions yet: review some images (or a spot-check sample) first.</source>
        <translation>还没有带 AI 建议的已审核图片：请先审核一些图片（或一份抽检样本）。</translation>
    </message>
    <message>
        <source>Refreshed.</source>
        <translation>已刷新。</translation>
    </message>
</context>
<context>
    <name>review_panel</name>
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
        <translation>接受选中的建议（Enter / Y）</translation>
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
        <source>Restore default shortcuts</source>
        <translation>恢复默认快捷键</translation>
    </message>
    <message>
        <source>Click a shortcut and press the new key. Keys used by another action are refused.</source>
        <translation>点击一个快捷键，然后按下新的按键。已被其他操作使用的按键会被拒绝。</translation>
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
        <source>Accepted unchanged: review a sampled image to begin.</source>
        <translation>未修改即接受：审核一张样本图片以开始。</translation>
    </message>
    <message>
        <source>Accept the rest (nothing pending)</source>
        <translation>接受其余建议（没有待定的）</translation>
    </message>
    <message>
        <source>Extend the sample (K)</source>
        <translation>扩大样本（K）</translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation>正在接受…</translation>
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
        <translation>误差范围（95 %）</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Cover every predicted class (stratify)</source>
        <translation>覆盖每个预测类别（分层）</translation>
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
</context>
<context>
    <name>team_page</name>
    <message>
        <source>http://localhost:8080</source>
        <translation>http://localhost:8080</translation>
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
        <source>Testing the Label Studio server…</source>
        <translation>正在测试 Label Studio 服务器…</translation>
    </message>
</context>
<context>
    <name>team_push</name>
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
</context>
<context>
    <name>train</name>
    <message>
        <source>Train a local model</source>
        <translation>训练本地模型</translation>
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
        <source>Creating the training environment (several GB; a few minutes)…</source>
        <translation>正在创建训练环境（数 GB；需要几分钟）…</translation>
    </message>
    <message>
        <source>Preparing the training data…</source>
        <translation>正在准备训练数据…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
</TS>
