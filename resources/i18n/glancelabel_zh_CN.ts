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
</TS>
