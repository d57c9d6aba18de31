<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>DiagramLayout</name>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="31"/>
        <source>Web tier</source>
        <translation>طبقة الويب</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="33"/>
        <source>App tier</source>
        <translation>طبقة التطبيقات</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="35"/>
        <source>Database tier</source>
        <translation>طبقة قواعد البيانات</translation>
    </message>
</context>
<context>
    <name>DiagramNode</name>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="10"/>
        <source>Client</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="12"/>
        <source>External client</source>
        <translation>عميل خارجي</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="14"/>
        <source>DNS server</source>
        <translation>خادم DNS</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="16"/>
        <source>Load balancer</source>
        <translation>موازن الأحمال</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="18"/>
        <source>Web server</source>
        <translation>خادم ويب</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="20"/>
        <source>Application server</source>
        <translation>خادم تطبيقات</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="22"/>
        <source>Database</source>
        <translation>قاعدة بيانات</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="30"/>
        <source>Up</source>
        <translation>يعمل</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="32"/>
        <source>Going down</source>
        <translation>في طريقه للتوقف</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="34"/>
        <source>Down</source>
        <translation>متوقف</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="36"/>
        <source>Going up</source>
        <translation>في طريقه للعودة</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="98"/>
        <source>DOWN</source>
        <translation>متوقف</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="107"/>
        <source>%1 (%2 checks)</source>
        <translation>%1 (%2 فحوصات)</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="116"/>
        <source>Replica</source>
        <translation>نسخة متماثلة</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="117"/>
        <source>Primary</source>
        <translation>أساسية</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="119"/>
        <source>State: %1</source>
        <translation>الحالة: %1</translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="27"/>
        <source>External client (curl, browser)</source>
        <translation>عميل خارجي (curl، متصفح)</translation>
    </message>
</context>
<context>
    <name>TripBuilder</name>
    <message>
        <location filename="../app/trip_builder.cpp" line="38"/>
        <source>no response</source>
        <translation>لا استجابة</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="47"/>
        <source>Teaches how a web request travels through a web infrastructure, with every component running as a real service on loopback.</source>
        <translation>يعلّم كيف ينتقل طلب الويب عبر بنية ويب تحتية، وكل مكوّن يعمل كخدمة حقيقية على واجهة الاسترجاع.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="54"/>
        <source>Run the engine without a window.</source>
        <translation>تشغيل المحرك دون نافذة.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="57"/>
        <source>Port of the admin interface on 127.0.0.1.</source>
        <translation>منفذ واجهة الإدارة على 127.0.0.1.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="60"/>
        <source>Window language: en, fr or ar.</source>
        <translation>لغة النافذة: en أو fr أو ar.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="131"/>
        <source>Webstack Lab</source>
        <translation>Webstack Lab</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="132"/>
        <source>The engine did not start: %1</source>
        <translation>لم يبدأ المحرك: %1</translation>
    </message>
</context>
<context>
    <name>wsl::DiagramView</name>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="76"/>
        <source>&amp;Fail</source>
        <translation>إ&amp;يقاف</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="77"/>
        <source>Take this node down</source>
        <translation>إيقاف هذه العقدة</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="78"/>
        <source>&amp;Restore</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="79"/>
        <source>Bring this node back up</source>
        <translation>إعادة تشغيل هذه العقدة</translation>
    </message>
</context>
<context>
    <name>wsl::MainWindow</name>
    <message>
        <location filename="../app/main_window.cpp" line="132"/>
        <source>Copied %1</source>
        <translation>تم نسخ %1</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="161"/>
        <location filename="../app/main_window.cpp" line="230"/>
        <source>Requests: %1</source>
        <translation>الطلبات: %1</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="166"/>
        <source>Select a node first, then press F to fail it.</source>
        <translation>اختر عقدة أولاً، ثم اضغط F لإيقافها.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="174"/>
        <source>Select a node first, then press R to restore it.</source>
        <translation>اختر عقدة أولاً، ثم اضغط R لإعادتها.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="213"/>
        <source>Webstack Lab</source>
        <translation>Webstack Lab</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="214"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="215"/>
        <source>&amp;Request</source>
        <translation>&amp;طلب</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="216"/>
        <source>&amp;Node</source>
        <translation>&amp;عقدة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="217"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="218"/>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="219"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="220"/>
        <source>Send request: home page</source>
        <translation>إرسال طلب: الصفحة الرئيسية</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="221"/>
        <source>Send request: API read (message list)</source>
        <translation>إرسال طلب: قراءة عبر API (قائمة الرسائل)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="222"/>
        <source>Send request: API write (post a message)</source>
        <translation>إرسال طلب: كتابة عبر API (نشر رسالة)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="223"/>
        <source>&amp;Fail selected node</source>
        <translation>إ&amp;يقاف العقدة المحددة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="224"/>
        <source>&amp;Restore selected node</source>
        <translation>إ&amp;عادة العقدة المحددة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="225"/>
        <source>Send request</source>
        <translation>إرسال طلب</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="227"/>
        <source>The built-in client resolves www.foobar.com through the DNS server, then sends the request to the address it got (Space)</source>
        <translation>يحلّ العميل المدمج الاسم www.foobar.com عبر خادم DNS، ثم يرسل الطلب إلى العنوان الذي حصل عليه (مسافة)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="229"/>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="233"/>
        <source>Site: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>الموقع: &lt;a href="%1"&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="234"/>
        <source>Click to copy the load balancer&apos;s URL</source>
        <translation>انقر لنسخ عنوان URL لموازن الأحمال</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="236"/>
        <source>DNS: %1   Admin: %2</source>
        <translation>DNS: %1   الإدارة: %2</translation>
    </message>
</context>
</TS>
