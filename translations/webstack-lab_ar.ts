<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>DiagramLayout</name>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="36"/>
        <source>Web tier</source>
        <translation>طبقة الويب</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="38"/>
        <source>App tier</source>
        <translation>طبقة التطبيقات</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="40"/>
        <source>Database tier</source>
        <translation>طبقة قواعد البيانات</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="42"/>
        <source>Monitoring</source>
        <translation>المراقبة</translation>
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
        <location filename="../widgets/diagram_types.cpp" line="24"/>
        <source>Monitoring collector</source>
        <translation>مُجمِّع المراقبة</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="26"/>
        <source>Firewall</source>
        <translation>جدار حماية</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="34"/>
        <source>Up</source>
        <translation>يعمل</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="36"/>
        <source>Going down</source>
        <translation>في طريقه للتوقف</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="38"/>
        <source>Down</source>
        <translation>متوقف</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="40"/>
        <source>Going up</source>
        <translation>في طريقه للعودة</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="42"/>
        <source>Out of rotation</source>
        <translation>خارج التناوب</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="98"/>
        <source>DOWN</source>
        <translation>متوقف</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="109"/>
        <source>%1 (%2 checks)</source>
        <translation>%1 (%2 فحوصات)</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="118"/>
        <source>In front of %1</source>
        <translation>أمام %1</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="122"/>
        <source>Replica</source>
        <translation>نسخة متماثلة</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="123"/>
        <source>Primary</source>
        <translation>أساسية</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="125"/>
        <source>State: %1</source>
        <translation>الحالة: %1</translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="35"/>
        <source>External client (curl, browser)</source>
        <translation>عميل خارجي (curl، متصفح)</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="41"/>
        <source>pages</source>
        <translation>الصفحات</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="44"/>
        <source>reads</source>
        <translation>القراءات</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="47"/>
        <source>writes</source>
        <translation>الكتابات</translation>
    </message>
</context>
<context>
    <name>EngineBridge</name>
    <message>
        <location filename="../app/engine_bridge.cpp" line="60"/>
        <source>DRAIN</source>
        <translation>تفريغ</translation>
    </message>
    <message>
        <location filename="../app/engine_bridge.cpp" line="61"/>
        <source>MAINT</source>
        <translation>صيانة</translation>
    </message>
</context>
<context>
    <name>RequestView</name>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="13"/>
        <source>built-in</source>
        <translation>مدمج</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="16"/>
        <source>curl</source>
        <translation>curl</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="19"/>
        <source>browser</source>
        <translation>متصفح</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="22"/>
        <source>other</source>
        <translation>آخر</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="25"/>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <location filename="../app/request_view_builder.cpp" line="101"/>
        <source>(connection blocked: %1)</source>
        <translation>(اتصال محجوب: %1)</translation>
    </message>
</context>
<context>
    <name>TripBuilder</name>
    <message>
        <location filename="../app/trip_builder.cpp" line="27"/>
        <source>no response</source>
        <translation>لا استجابة</translation>
    </message>
    <message>
        <location filename="../app/trip_builder.cpp" line="64"/>
        <source>blocked</source>
        <translation>محجوب</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="82"/>
        <source>Teaches how a web request travels through a web infrastructure, with every component running as a real service on loopback.</source>
        <translation>يعلّم كيف ينتقل طلب الويب عبر بنية ويب تحتية، وكل مكوّن يعمل كخدمة حقيقية على واجهة الاسترجاع.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="89"/>
        <source>Run the engine without a window.</source>
        <translation>تشغيل المحرك دون نافذة.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="92"/>
        <source>Port of the admin interface on 127.0.0.1.</source>
        <translation>منفذ واجهة الإدارة على 127.0.0.1.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="95"/>
        <source>Window language: en, fr or ar.</source>
        <translation>لغة النافذة: en أو fr أو ar.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="98"/>
        <source>Write the recent requests of the running app (found by --admin-port) to &lt;file&gt; as HAR 1.2.</source>
        <translation>كتابة الطلبات الأخيرة للتطبيق قيد التشغيل (الذي يُعثر عليه عبر --admin-port) في &lt;file&gt; بصيغة HAR 1.2.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="104"/>
        <source>Write the recent events of the running app (found by --admin-port) to &lt;file&gt; as CSV.</source>
        <translation>كتابة الأحداث الأخيرة للتطبيق قيد التشغيل (الذي يُعثر عليه عبر --admin-port) في &lt;file&gt; بصيغة CSV.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="110"/>
        <source>Start with a preset (simple, distributed, secured, scaled) or a topology file instead of the Distributed stage.</source>
        <translation>البدء بإعداد مسبق (simple, distributed, secured, scaled) أو بملف طوبولوجيا بدلاً من المرحلة الموزّعة.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="202"/>
        <source>Webstack Lab</source>
        <translation>Webstack Lab</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="203"/>
        <source>The engine did not start: %1</source>
        <translation>لم يبدأ المحرك: %1</translation>
    </message>
</context>
<context>
    <name>wsl::CapacityBox</name>
    <message>
        <location filename="../app/capacity_box.cpp" line="64"/>
        <source>The capacity was not changed: %1</source>
        <translation>لم تُغيَّر السعة: %1</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="67"/>
        <source>Applied to every application server: %1 at once, %2 ms each.</source>
        <translation>طُبِّق على كل خوادم التطبيقات: حد التزامن %1، و%2 ms لكل طلب.</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="80"/>
        <source>Application servers&apos; capacity</source>
        <translation>سعة خوادم التطبيقات</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="82"/>
        <source>Give each request a cost and lower the limit, then raise the rate: latency climbs, then 503 responses appear. Scale → Add an application server brings them back down.</source>
        <translation>امنح كل طلب كلفة واخفض الحد، ثم ارفع المعدل: يرتفع زمن الاستجابة، ثم تظهر استجابات 503. ويعيدها الأمر «توسيع ← إضافة خادم تطبيقات» إلى الانخفاض.</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="84"/>
        <source>Requests handled at once:</source>
        <translation>الطلبات المتزامنة:</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="85"/>
        <source>Cost per request (ms):</source>
        <translation>كلفة كل طلب (ms):</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="87"/>
        <source>Each application server handles this many requests at once; more wait in a short queue, and beyond it get 503 Service Unavailable.</source>
        <translation>يعالج كل خادم تطبيقات هذا العدد من الطلبات في آن واحد؛ وينتظر ما يزيد عليه في طابور قصير، وما يتجاوز الطابور يتلقى 503 Service Unavailable.</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="89"/>
        <source>How long each application server works on every request</source>
        <translation>المدة التي يقضيها كل خادم تطبيقات في معالجة كل طلب</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="90"/>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
</context>
<context>
    <name>wsl::DiagramView</name>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="386"/>
        <source>&amp;Fail</source>
        <translation>إ&amp;يقاف</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="387"/>
        <source>Take this node down</source>
        <translation>إيقاف هذه العقدة</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="388"/>
        <source>&amp;Restore</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="389"/>
        <source>Bring this node back up</source>
        <translation>إعادة تشغيل هذه العقدة</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="447"/>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="449"/>
        <source>SPOF: %1</source>
        <translation>SPOF: %1</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="450"/>
        <source>Single point of failure: if %1 fails, the site stops serving %2</source>
        <translation>نقطة فشل وحيدة (SPOF): إذا تعطّل %1، يتوقف الموقع عن تقديم %2</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="99"/>
        <source>%1 req/s</source>
        <translation>%1 طلب/ث</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="122"/>
        <source>%1 req/s · %2% err</source>
        <translation>%1 طلب/ث · %2% خطأ</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="125"/>
        <source>%1 · %2 conn</source>
        <translation>%1 · %2 اتصال</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="153"/>
        <source>Over the last second: requests per second, share of requests answered with 5xx or failed, and open connections</source>
        <translation>خلال الثانية الأخيرة: الطلبات في الثانية، ونسبة الطلبات التي أُجيب عنها بـ 5xx أو فشلت، والاتصالات المفتوحة</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="175"/>
        <source>1 request in %1 animated</source>
        <translation>طلب واحد متحرك من كل %1</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="177"/>
        <source>%1; with a failed hop: 1 in %2</source>
        <translation>%1؛ ومع قفزة فاشلة: 1 من كل %2</translation>
    </message>
</context>
<context>
    <name>wsl::EngineBridge</name>
    <message>
        <location filename="../app/engine_bridge.cpp" line="441"/>
        <source>the selected requests are older than the engine&apos;s last %1</source>
        <translation>الطلبات المحددة أقدم من آخر %1 طلب يحتفظ بها المحرك</translation>
    </message>
</context>
<context>
    <name>wsl::EventListWidget</name>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="103"/>
        <source>&amp;Kind:</source>
        <translation>ال&amp;نوع:</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="104"/>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="105"/>
        <source>Show only events of one kind</source>
        <translation>عرض أحداث نوع واحد فقط</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="106"/>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="107"/>
        <source>Remove every event from the list</source>
        <translation>إزالة كل الأحداث من القائمة</translation>
    </message>
</context>
<context>
    <name>wsl::EventStore</name>
    <message>
        <location filename="../widgets/inspector/event_store.cpp" line="128"/>
        <source>Time (s)</source>
        <translation>الوقت (ث)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_store.cpp" line="130"/>
        <source>Node</source>
        <translation>العقدة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_store.cpp" line="132"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_store.cpp" line="134"/>
        <source>Detail</source>
        <translation>التفاصيل</translation>
    </message>
</context>
<context>
    <name>wsl::HopDetailWidget</name>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="149"/>
        <source>Headers</source>
        <translation>الترويسات</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="150"/>
        <source>Body</source>
        <translation>المتن</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="151"/>
        <source>Database</source>
        <translation>قاعدة البيانات</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="152"/>
        <source>Eavesdropper</source>
        <translation>المتنصّت</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="153"/>
        <source>What someone on the link into this node could read</source>
        <translation>ما يمكن لشخص على الرابط إلى هذه العقدة قراءته</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="154"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="154"/>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="155"/>
        <source>No request body</source>
        <translation>لا متن للطلب</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="156"/>
        <source>No response body</source>
        <translation>لا متن للاستجابة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="157"/>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="158"/>
        <source>No bytes were captured on this link</source>
        <translation>لم تُلتقط أي بايتات على هذا الرابط</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="187"/>
        <source>Select a hop in the waterfall to see what that node received.</source>
        <translation>اختر قفزة في الشلال لرؤية ما استلمته تلك العقدة.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="199"/>
        <source>%1 ms</source>
        <translation>%1 مللي ثانية</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="208"/>
        <source>%1 → %2 · %3 %4 · %5 · %6</source>
        <translation>%1 → %2 · %3 %4 · %5 · %6</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="223"/>
        <source>Request headers as %1 received them</source>
        <translation>ترويسات الطلب كما استلمها %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="224"/>
        <source>Response headers as %1 sent them</source>
        <translation>ترويسات الاستجابة كما أرسلها %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="234"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="236"/>
        <source>%1 · first %2</source>
        <translation>%1 · أول %2</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="243"/>
        <source>%1 · binary, shown in hex</source>
        <translation>%1 · ثنائي، معروض بالنظام الست عشري</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="248"/>
        <source>Request body</source>
        <translation>متن الطلب</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="249"/>
        <source>Response body</source>
        <translation>متن الاستجابة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="255"/>
        <source>Only database hops run SQL</source>
        <translation>قفزات قواعد البيانات وحدها تنفّذ SQL</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="261"/>
        <source>SQL that %1 ran for this request</source>
        <translation>استعلام SQL الذي نفّذه %1 لهذا الطلب</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="267"/>
        <source>%1 started this request, so no link carried this hop. Select the next hop to see what crossed its link.</source>
        <translation>بدأ %1 هذا الطلب، لذا لم ينقل أي رابط هذه القفزة. اختر القفزة التالية لرؤية ما عبر رابطها.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="280"/>
        <source>No bytes were captured on the link between %1 and %2.</source>
        <translation>لم تُلتقط أي بايتات على الرابط بين %1 و%2.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="282"/>
        <source>The link between %1 and %2 uses TLS, so anyone on it sees only these TLS records in hex: ciphertext, not the request or the response. The first request on a connection also carries the handshake, whose server name is readable.</source>
        <translation>يستخدم الرابط بين %1 و%2 بروتوكول TLS، لذا لا يرى أي شخص عليه سوى سجلات TLS هذه بالنظام الست عشري: نص مشفّر، لا الطلب ولا الاستجابة. ويحمل أول طلب على الاتصال المصافحةَ أيضًا، واسم الخادم فيها مقروء.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="288"/>
        <source>Anyone on the link between %1 and %2 can read this: DNS sends the question and the answer unencrypted.</source>
        <translation>يمكن لأي شخص على الرابط بين %1 و%2 قراءة هذا: يرسل DNS السؤال والجواب دون تشفير.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="293"/>
        <source>Anyone on the link between %1 and %2 can read this.</source>
        <translation>يمكن لأي شخص على الرابط بين %1 و%2 قراءة هذا.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="298"/>
        <source>ciphertext</source>
        <translation>نص مشفّر</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="298"/>
        <source>plain text</source>
        <translation>نص واضح</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="301"/>
        <source>Request %1 → %2 · %3 · %4</source>
        <translation>الطلب %1 → %2 · %3 · %4</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="304"/>
        <source>Response %1 → %2 · %3 · %4</source>
        <translation>الاستجابة %1 → %2 · %3 · %4</translation>
    </message>
</context>
<context>
    <name>wsl::HostFrameItem</name>
    <message>
        <location filename="../widgets/host_frame_item.cpp" line="41"/>
        <source>%1 (one machine)</source>
        <translation>%1 (جهاز واحد)</translation>
    </message>
</context>
<context>
    <name>wsl::LoadForm</name>
    <message>
        <location filename="../app/load_form.cpp" line="125"/>
        <source>The request mix is all zeros. Give pages, API reads or API writes a share above 0 %.</source>
        <translation>كل حصص الطلبات أصفار. امنح الصفحات أو القراءة عبر API أو الكتابة عبر API حصة أكبر من 0%.</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="152"/>
        <source>Give at least one kind of request a share above 0 %.</source>
        <translation>امنح نوعًا واحدًا على الأقل من الطلبات حصة أكبر من 0%.</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="156"/>
        <source>The shares add up to %1 %; each is taken as a part of that total.</source>
        <translation>مجموع الحصص %1%؛ وتُحسب كل حصة جزءًا من هذا المجموع.</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="168"/>
        <source>Load run</source>
        <translation>تشغيل الحمل</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="169"/>
        <source>Constant rate</source>
        <translation>معدل ثابت</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="170"/>
        <source>Concurrent users</source>
        <translation>مستخدمون متزامنون</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="172"/>
        <source>Constant rate sends a fixed number of requests per second, however slow the answers. Concurrent users each send their next request when the previous one has ended.</source>
        <translation>يرسل المعدل الثابت عددًا ثابتًا من الطلبات في الثانية مهما أبطأت الإجابات. أما المستخدمون المتزامنون فيرسل كل منهم طلبه التالي حين ينتهي طلبه السابق.</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="174"/>
        <source>Mode:</source>
        <translation>الوضع:</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="175"/>
        <source>Rate (requests per second):</source>
        <translation>المعدل (طلبات في الثانية):</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="176"/>
        <source>Users:</source>
        <translation>المستخدمون:</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="177"/>
        <source>Pages (%):</source>
        <translation>الصفحات (%):</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="178"/>
        <source>API reads (%):</source>
        <translation>القراءة عبر API (%):</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="179"/>
        <source>API writes (%):</source>
        <translation>الكتابة عبر API (%):</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="180"/>
        <source>Duration (seconds):</source>
        <translation>المدة (بالثواني):</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="181"/>
        <source>Share of requests for the home page (GET /)</source>
        <translation>حصة الطلبات الموجهة إلى الصفحة الرئيسية (GET /)</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="182"/>
        <source>Share of requests that read the message list (GET /api/messages)</source>
        <translation>حصة الطلبات التي تقرأ قائمة الرسائل (GET /api/messages)</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="183"/>
        <source>Share of requests that post a message (POST /api/messages)</source>
        <translation>حصة الطلبات التي تنشر رسالة (POST /api/messages)</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="184"/>
        <source>Start</source>
        <translation>بدء</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="185"/>
        <source>Stop</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="186"/>
        <source>Send no more requests; those in flight finish and are counted</source>
        <translation>التوقف عن إرسال الطلبات؛ تكتمل الطلبات الجارية وتُحتسب</translation>
    </message>
</context>
<context>
    <name>wsl::LoadPanel</name>
    <message>
        <location filename="../app/load_panel.cpp" line="43"/>
        <location filename="../app/load_panel.cpp" line="110"/>
        <source>Load test</source>
        <translation>اختبار الحمل</translation>
    </message>
    <message>
        <location filename="../app/load_panel.cpp" line="54"/>
        <source>The run failed to start: %1</source>
        <translation>تعذّر بدء التشغيل: %1</translation>
    </message>
</context>
<context>
    <name>wsl::LoadProgress</name>
    <message>
        <location filename="../app/load_progress.cpp" line="124"/>
        <source>%1 s elapsed, %2 s remaining</source>
        <translation>مضت %1 ث، وتبقى %2 ث</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="127"/>
        <source>No more requests are sent; waiting for the %1 in flight.</source>
        <translation>توقف إرسال الطلبات؛ في انتظار الطلبات الجارية (%1).</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="131"/>
        <source>Ran for %1 s of %2 s</source>
        <translation>استمر %1 ث من أصل %2 ث</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="153"/>
        <source>%1 sent, %2 succeeded, %3 failed.</source>
        <translation>المُرسلة %1، والناجحة %2، والفاشلة %3.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="156"/>
        <source>Latency: p50 %1 ms, p95 %2 ms, p99 %3 ms.</source>
        <translation>زمن الاستجابة: p50 %1 ms، وp95 %2 ms، وp99 %3 ms.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="163"/>
        <source>Achieved rate: %1 requests per second sent, %2 succeeded per second.</source>
        <translation>المعدل المحقق: %1 طلب مُرسل في الثانية، و%2 ناجح في الثانية.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="166"/>
        <source>Connections: %1 opened, %2 reused.</source>
        <translation>الاتصالات: %1 مفتوحة، %2 مُعاد استخدامها.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="170"/>
        <source>Failures: %1.</source>
        <translation>الإخفاقات: %1.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="181"/>
        <source>%1 with 4xx</source>
        <translation>%1 برمز 4xx</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="181"/>
        <source>%1 with 5xx</source>
        <translation>%1 برمز 5xx</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="182"/>
        <source>%1 refused</source>
        <translation>%1 مرفوض</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="182"/>
        <source>%1 timed out</source>
        <translation>%1 انتهت مهلته</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="183"/>
        <source>%1 reset</source>
        <translation>%1 أُعيد تعيينه</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="183"/>
        <source>%1 other errors</source>
        <translation>%1 أخطاء أخرى</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="195"/>
        <source>Running</source>
        <translation>قيد التشغيل</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="198"/>
        <source>Stopping</source>
        <translation>جارٍ الإيقاف</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="201"/>
        <source>Finished</source>
        <translation>انتهى</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="204"/>
        <source>Stopped</source>
        <translation>أُوقف</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="206"/>
        <source>No run yet</source>
        <translation>لم يبدأ أي تشغيل بعد</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="217"/>
        <source>Progress</source>
        <translation>التقدم</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="219"/>
        <source>Sent:</source>
        <translation>المُرسلة:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="219"/>
        <source>In flight:</source>
        <translation>الجارية:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="219"/>
        <source>Succeeded:</source>
        <translation>الناجحة:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="219"/>
        <source>Waiting:</source>
        <translation>المنتظرة:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="220"/>
        <source>4xx responses:</source>
        <translation>استجابات 4xx:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="220"/>
        <source>5xx responses:</source>
        <translation>استجابات 5xx:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="220"/>
        <source>Refused:</source>
        <translation>المرفوضة:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="220"/>
        <source>Timed out:</source>
        <translation>المنتهية مهلتها:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="221"/>
        <source>Reset:</source>
        <translation>المُعاد تعيينها:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="221"/>
        <source>Other errors:</source>
        <translation>أخطاء أخرى:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="221"/>
        <source>Skipped:</source>
        <translation>المتخطاة:</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="226"/>
        <source>Requests not sent because too many were still waiting for an answer</source>
        <translation>طلبات لم تُرسل لأن عددًا كبيرًا جدًا من الطلبات كان لا يزال ينتظر إجابة</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="228"/>
        <source>Requests in flight that wait for a free connection: a run keeps at most %1 connections open, as a crowd of browsers would</source>
        <translation>طلبات جارية تنتظر اتصالًا متاحًا: يُبقي التشغيل %1 اتصالًا مفتوحًا على الأكثر، كما يفعل حشد من المتصفحات</translation>
    </message>
</context>
<context>
    <name>wsl::MainWindow</name>
    <message>
        <location filename="../app/main_window.cpp" line="260"/>
        <location filename="../app/main_window.cpp" line="276"/>
        <source>Export requests as HAR</source>
        <translation>تصدير الطلبات بصيغة HAR</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="261"/>
        <location filename="../app/main_window.cpp" line="277"/>
        <source>HTTP Archive (*.har)</source>
        <translation>أرشيف HTTP (*.har)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="255"/>
        <location filename="../app/main_window_topology.cpp" line="138"/>
        <source>Saved %1</source>
        <translation>تم حفظ %1</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="255"/>
        <source>Could not save %1: %2</source>
        <translation>تعذّر حفظ %1: %2</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="282"/>
        <source>Export events as CSV</source>
        <translation>تصدير الأحداث بصيغة CSV</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="283"/>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="292"/>
        <source>Copied %1</source>
        <translation>تم نسخ %1</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="347"/>
        <location filename="../app/main_window.cpp" line="449"/>
        <source>Requests: %1</source>
        <translation>الطلبات: %1</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="353"/>
        <source>Select a node first, then press F to fail it.</source>
        <translation>اختر عقدة أولاً، ثم اضغط F لإيقافها.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="361"/>
        <source>Select a node first, then press R to restore it.</source>
        <translation>اختر عقدة أولاً، ثم اضغط R لإعادتها.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="401"/>
        <source>Webstack Lab</source>
        <translation>Webstack Lab</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="402"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="403"/>
        <source>&amp;Request</source>
        <translation>&amp;طلب</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="404"/>
        <source>&amp;Node</source>
        <translation>&amp;عقدة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="408"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="409"/>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="410"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="411"/>
        <source>Send request: home page</source>
        <translation>إرسال طلب: الصفحة الرئيسية</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="412"/>
        <source>Send request: API read (message list)</source>
        <translation>إرسال طلب: قراءة عبر API (قائمة الرسائل)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="413"/>
        <source>Send request: API write (post a message)</source>
        <translation>إرسال طلب: كتابة عبر API (نشر رسالة)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="414"/>
        <source>&amp;Fail selected node</source>
        <translation>إ&amp;يقاف العقدة المحددة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="415"/>
        <source>&amp;Restore selected node</source>
        <translation>إ&amp;عادة العقدة المحددة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="416"/>
        <source>Send request</source>
        <translation>إرسال طلب</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="418"/>
        <source>The built-in client resolves www.foobar.com through the DNS server, then sends the request to the address it got (Space)</source>
        <translation>يحلّ العميل المدمج الاسم www.foobar.com عبر خادم DNS، ثم يرسل الطلب إلى العنوان الذي حصل عليه (مسافة)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="420"/>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="421"/>
        <source>Requests</source>
        <translation>الطلبات</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="422"/>
        <source>Export requests as &amp;HAR…</source>
        <translation>تصدير الطلبات بصيغة &amp;HAR…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="423"/>
        <source>Export &amp;selected requests as HAR…</source>
        <translation>تصدير الطلبات ال&amp;محددة بصيغة HAR…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="424"/>
        <source>Export &amp;events as CSV…</source>
        <translation>تصدير الأ&amp;حداث بصيغة CSV…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="425"/>
        <source>&amp;Open topology…</source>
        <translation>&amp;فتح طوبولوجيا…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="426"/>
        <source>Save topology &amp;as…</source>
        <translation>حفظ الطوبولوجيا &amp;باسم…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="427"/>
        <source>Stage:</source>
        <translation>المرحلة:</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="429"/>
        <source>The four stages of a web stack. Switching restarts every service with the new topology.</source>
        <translation>المراحل الأربع لحزمة الويب. يعيد التبديل تشغيل كل خدمة بالطوبولوجيا الجديدة.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="433"/>
        <location filename="../app/main_window_topology.cpp" line="160"/>
        <source>Custom</source>
        <translation>مخصّصة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="435"/>
        <source>Mode:</source>
        <translation>الوضع:</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="436"/>
        <source>Live</source>
        <translation>مباشر</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="437"/>
        <source>Slow motion</source>
        <translation>حركة بطيئة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="438"/>
        <location filename="../app/main_window.cpp" line="444"/>
        <source>Step</source>
        <translation>خطوة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="440"/>
        <source>Live replays each request at a human pace after it happened. Slow motion makes the servers wait at every hop, so that real requests take as long as the picture. Step holds every request at each hop until you press Step.</source>
        <translation>المباشر يعيد عرض كل طلب بوتيرة بشرية بعد حدوثه. الحركة البطيئة تجعل الخوادم تنتظر عند كل قفزة، فتستغرق الطلبات الحقيقية مدة الصورة نفسها. الخطوة تحتجز كل طلب عند كل قفزة حتى تضغط خطوة.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="445"/>
        <source>Release the request held longest by one hop (S)</source>
        <translation>تمرير الطلب المحتجز منذ أطول وقت قفزة واحدة (S)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="446"/>
        <source>Continue</source>
        <translation>متابعة</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="447"/>
        <source>Release every held request and return to Live</source>
        <translation>تحرير كل الطلبات المحتجزة والعودة إلى الوضع المباشر</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="448"/>
        <source>Speed:</source>
        <translation>السرعة:</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="452"/>
        <source>Site: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>الموقع: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="453"/>
        <source>Click to copy the URL that www.foobar.com resolves to</source>
        <translation>انقر لنسخ عنوان URL الذي يُحَلّ إليه www.foobar.com</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="455"/>
        <source>DNS: %1   Admin: %2</source>
        <translation>DNS: %1   الإدارة: %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="57"/>
        <source>Fault: &amp;hang (accept, never answer)</source>
        <translation>عطل: &amp;تعليق (يقبل الاتصال ولا يجيب أبدًا)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="58"/>
        <source>Fault: &amp;slow (+%1 ms)</source>
        <translation>عطل: &amp;بطء (+%1 مللي ثانية)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="59"/>
        <source>Fault: &amp;errors (%1% answered %2)</source>
        <translation>عطل: أ&amp;خطاء (يُجاب عن %1% بالرمز %2)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="60"/>
        <source>&amp;Clear the fault</source>
        <translation>إ&amp;زالة العطل</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="61"/>
        <source>&amp;Deploy (restart, %1 s down)</source>
        <translation>ن&amp;شر (إعادة تشغيل، توقف %1 ث)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="62"/>
        <source>Dr&amp;ain at the load balancer</source>
        <translation>ت&amp;فريغ عند موازن الأحمال</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="63"/>
        <source>Back in rotation (&amp;ready)</source>
        <translation>العودة إلى التناوب (&amp;جاهز)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="64"/>
        <source>&amp;Promote this database to primary</source>
        <translation>ت&amp;رقية قاعدة البيانات هذه إلى أساسية</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="65"/>
        <source>Add a &amp;web server</source>
        <translation>إضافة خادم &amp;ويب</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="66"/>
        <source>Add an &amp;application server</source>
        <translation>إضافة خادم &amp;تطبيقات</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="67"/>
        <source>&amp;Remove the selected server</source>
        <translation>إزالة الخادم ال&amp;محدد</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="68"/>
        <source>Rolling &amp;deploy of the web tier</source>
        <translation>&amp;نشر متدرّج لطبقة الويب</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="73"/>
        <source>&amp;Scale</source>
        <translation>&amp;توسيع</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="80"/>
        <source>Select a node in the diagram first.</source>
        <translation>اختر عقدة في المخطط أولاً.</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="146"/>
        <source>%1 added and in rotation</source>
        <translation>تمت إضافة %1 وهو في التناوب</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="165"/>
        <source>Rolling deploy started: see the Events dock</source>
        <translation>بدأ النشر المتدرّج: راجع لوحة الأحداث</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="103"/>
        <source>Se&amp;ttings</source>
        <translation>الإ&amp;عدادات</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="104"/>
        <source>Load-balancing &amp;algorithm</source>
        <translation>&amp;خوارزمية موازنة الأحمال</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="105"/>
        <source>Round robin</source>
        <translation>التناوب الدوري (round robin)</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="105"/>
        <source>Weighted round robin</source>
        <translation>التناوب الدوري الموزون</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="105"/>
        <source>Least connections</source>
        <translation>أقل عدد من الاتصالات</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="106"/>
        <source>Source address hash</source>
        <translation>تجزئة عنوان المصدر</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="111"/>
        <source>Redirect HTTP to HTTPS at the load balancer</source>
        <translation>إعادة توجيه HTTP إلى HTTPS عند موازن الأحمال</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="112"/>
        <source>Application servers force HTTPS</source>
        <translation>خوادم التطبيقات تفرض HTTPS</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="113"/>
        <source>&amp;Synchronous replication</source>
        <translation>نسخ متماثل &amp;متزامن</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="114"/>
        <source>Show &amp;monitoring traffic (agent pushes)</source>
        <translation>عرض حركة ال&amp;مراقبة (دفعات الوكلاء)</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="115"/>
        <source>Show single &amp;points of failure</source>
        <translation>عرض &amp;نقاط الفشل الوحيدة</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="21"/>
        <source>1. Simple</source>
        <translation>1. بسيطة</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="24"/>
        <source>2. Distributed</source>
        <translation>2. موزّعة</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="27"/>
        <source>3. Secured and monitored</source>
        <translation>3. مؤمَّنة ومراقَبة</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="30"/>
        <source>4. Scaled up</source>
        <translation>4. موسَّعة</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="56"/>
        <source>Stage not switched</source>
        <translation>لم يتم تبديل المرحلة</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="66"/>
        <source>Topology not started</source>
        <translation>لم تبدأ الطوبولوجيا</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="67"/>
        <source>%1 could not start, so the previous topology is running again.

%2</source>
        <translation>تعذّر بدء %1، لذا أُعيد تشغيل الطوبولوجيا السابقة.

%2</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="72"/>
        <source>Now running: %1</source>
        <translation>قيد التشغيل الآن: %1</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="76"/>
        <source>Open topology</source>
        <translation>فتح طوبولوجيا</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="77"/>
        <location filename="../app/main_window_topology.cpp" line="116"/>
        <source>Webstack Lab topology (*.json)</source>
        <translation>طوبولوجيا Webstack Lab (*.json)</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="88"/>
        <location filename="../app/main_window_topology.cpp" line="93"/>
        <location filename="../app/main_window_topology.cpp" line="101"/>
        <source>Topology not opened</source>
        <translation>لم تُفتح الطوبولوجيا</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="89"/>
        <source>%1 is larger than 1 MiB; a topology file is much smaller.</source>
        <translation>حجم %1 أكبر من 1 MiB؛ ملف الطوبولوجيا أصغر من ذلك بكثير.</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="94"/>
        <source>Cannot read %1: %2</source>
        <translation>تعذّرت قراءة %1: %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="100"/>
        <source>%1, line %2</source>
        <translation>%1، السطر %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="102"/>
        <source>%1: %2

The running topology is unchanged.</source>
        <translation>%1: %2

لم تتغيّر الطوبولوجيا قيد التشغيل.</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="115"/>
        <location filename="../app/main_window_topology.cpp" line="125"/>
        <source>Save topology</source>
        <translation>حفظ الطوبولوجيا</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="126"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 موجود مسبقًا. هل تريد استبداله؟</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="134"/>
        <source>Topology not saved</source>
        <translation>لم تُحفظ الطوبولوجيا</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="135"/>
        <source>Cannot write %1: %2</source>
        <translation>تعذّرت كتابة %1: %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_load.cpp" line="95"/>
        <source>&amp;Load</source>
        <translation>&amp;حمل</translation>
    </message>
    <message>
        <location filename="../app/main_window_load.cpp" line="97"/>
        <source>Start or stop sending load at the rate beside it, with the Load test tab&apos;s mix and duration (Ctrl+L)</source>
        <translation>بدء إرسال الحمل أو إيقافه بالمعدل المجاور، بحصص الطلبات والمدة المحددة في تبويب اختبار الحمل (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../app/main_window_load.cpp" line="99"/>
        <source> req/s</source>
        <translation> طلب/ث</translation>
    </message>
    <message>
        <location filename="../app/main_window_load.cpp" line="100"/>
        <source>Requests per second sent while Load is on</source>
        <translation>الطلبات المرسلة في الثانية ما دام الحمل مفعّلًا</translation>
    </message>
</context>
<context>
    <name>wsl::MonitoringDock</name>
    <message numerus="yes">
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="84"/>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="120"/>
        <source>Latency (ms), last point: %n request(s)</source>
        <translation>
            <numerusform>زمن الاستجابة (ms)، آخر نقطة: %n طلب</numerusform>
            <numerusform>زمن الاستجابة (ms)، آخر نقطة: %n طلب</numerusform>
            <numerusform>زمن الاستجابة (ms)، آخر نقطة: %n طلبان</numerusform>
            <numerusform>زمن الاستجابة (ms)، آخر نقطة: %n طلبات</numerusform>
            <numerusform>زمن الاستجابة (ms)، آخر نقطة: %n طلبًا</numerusform>
            <numerusform>زمن الاستجابة (ms)، آخر نقطة: %n طلب</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="113"/>
        <source>Monitoring</source>
        <translation>المراقبة</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="114"/>
        <source>Time window:</source>
        <translation>النافذة الزمنية:</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="115"/>
        <source>1 minute</source>
        <translation>دقيقة واحدة</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="116"/>
        <source>5 minutes</source>
        <translation>5 دقائق</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="117"/>
        <source>15 minutes</source>
        <translation>15 دقيقة</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="118"/>
        <source>Requests per second by web server</source>
        <translation>الطلبات في الثانية لكل خادم ويب</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="119"/>
        <source>Total at the balancer</source>
        <translation>الإجمالي عند موازن الأحمال</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="122"/>
        <source>Errors (% of responses)</source>
        <translation>الأخطاء (% من الاستجابات)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="123"/>
        <source>Open connections</source>
        <translation>الاتصالات المفتوحة</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="124"/>
        <source>Replication lag (ms)</source>
        <translation>تأخر النسخ المتماثل (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="125"/>
        <source>Backend health</source>
        <translation>صحة الخوادم الخلفية</translation>
    </message>
</context>
<context>
    <name>wsl::RequestDetailWidget</name>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="106"/>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="170"/>
        <source>Select a request to see its hops.</source>
        <translation>اختر طلبًا لرؤية قفزاته.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="138"/>
        <source>%1 %2 → %3 · %4 ms</source>
        <translation>%1 %2 → %3 · %4 مللي ثانية</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="144"/>
        <source>no route</source>
        <translation>لا مسار</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="146"/>
        <source>%1 · from %2 · %3 · trace %4…</source>
        <translation>%1 · من %2 · %3 · التتبّع %4…</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="150"/>
        <source>Trace %1</source>
        <translation>التتبّع %1</translation>
    </message>
</context>
<context>
    <name>wsl::RequestFilter</name>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="60"/>
        <source>A request must match every term. Separate terms with spaces.
~m GET	method
~s 404, ~s 5xx	status code or class
~n web-2	node on the route or in a hop
~o refused	outcome of the request or of a hop:
	ok, refused, timeout, reset, blocked, error
!term	negates a term, as in !~m GET
word	text in the URL, method, route, client, trace id
	or a hop&apos;s detail such as the SQL a database ran</source>
        <translation>يجب أن يطابق الطلب كل الشروط. افصل بين الشروط بمسافات.
~m GET	الطريقة
~s 404, ~s 5xx	رمز الحالة أو فئته
~n web-2	عقدة على المسار أو في قفزة
~o refused	نتيجة الطلب أو القفزة:
	ok, refused, timeout, reset, blocked, error
!شرط	ينفي شرطًا، كما في !~m GET
كلمة	نص في URL أو الطريقة أو المسار أو العميل أو معرّف التتبّع
	أو في تفاصيل قفزة مثل استعلام SQL الذي نفّذته قاعدة بيانات</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="84"/>
        <source>&quot;!&quot; must be followed by a term without a space, as in !~m GET</source>
        <translation>يجب أن يتبع «!» شرطٌ دون مسافة، كما في !~m GET</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="112"/>
        <source>~m needs a method, such as ~m GET</source>
        <translation>~m يحتاج إلى طريقة، مثل ~m GET</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="132"/>
        <source>~s needs a status like 404 or 5xx</source>
        <translation>~s يحتاج إلى حالة مثل 404 أو 5xx</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="133"/>
        <source>~s needs a status like 404 or 5xx, not &quot;%1&quot;</source>
        <translation>~s يحتاج إلى حالة مثل 404 أو 5xx، لا «%1»</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="139"/>
        <source>~n needs a node name, such as ~n web-2</source>
        <translation>~n يحتاج إلى اسم عقدة، مثل ~n web-2</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="151"/>
        <source>~o needs one of %1</source>
        <translation>~o يحتاج إلى إحدى القيم %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="152"/>
        <source>~o needs one of %1, not &quot;%2&quot;</source>
        <translation>~o يحتاج إلى إحدى القيم %1، لا «%2»</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="160"/>
        <source>Unknown filter &quot;%1&quot;: use ~m, ~s, ~n or ~o</source>
        <translation>مرشّح غير معروف «%1»: استخدم ~m أو ~s أو ~n أو ~o</translation>
    </message>
</context>
<context>
    <name>wsl::RequestListWidget</name>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="173"/>
        <source>Filter, e.g. ~s 5xx ~n web-2 !~m GET</source>
        <translation>مرشّح، مثلًا ~s 5xx ~n web-2 !~m GET</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="175"/>
        <source>Request filter</source>
        <translation>مرشّح الطلبات</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="176"/>
        <source>Show the requests of every node</source>
        <translation>عرض طلبات كل العقد</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="178"/>
        <source>Hold new requests back while you read. They appear when you resume.</source>
        <translation>احتجاز الطلبات الجديدة أثناء القراءة. تظهر عند الاستئناف.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="179"/>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="180"/>
        <source>Remove every request from the list</source>
        <translation>إزالة كل الطلبات من القائمة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="206"/>
        <source>Invalid filter: %1</source>
        <translation>مرشّح غير صالح: %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="214"/>
        <source>Node %1</source>
        <translation>العقدة %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="215"/>
        <source>Remove the node filter %1</source>
        <translation>إزالة مرشّح العقدة %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="235"/>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="235"/>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="245"/>
        <source>%1 shown · %2 dropped · %3 held while paused</source>
        <translation>%1 معروض · %2 مُسقط · %3 محتجز أثناء الإيقاف</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="248"/>
        <source>%1 shown · %2 dropped</source>
        <translation>%1 معروض · %2 مُسقط</translation>
    </message>
</context>
<context>
    <name>wsl::RequestStore</name>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="244"/>
        <source>No response was sent</source>
        <translation>لم تُرسل أي استجابة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="246"/>
        <source>%1 ms</source>
        <translation>%1 مللي ثانية</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="252"/>
        <source>Trace %1</source>
        <translation>التتبّع %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="262"/>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="264"/>
        <source>Client</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="266"/>
        <source>Method</source>
        <translation>الطريقة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="268"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="270"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="272"/>
        <source>Duration (ms)</source>
        <translation>المدة (مللي ثانية)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="274"/>
        <source>Route</source>
        <translation>المسار</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="276"/>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
</context>
<context>
    <name>wsl::WaterfallView</name>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="93"/>
        <source>Hop waterfall</source>
        <translation>شلال القفزات</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="202"/>
        <source>TLS handshake</source>
        <translation>مصافحة TLS</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="205"/>
        <source>queued at the load balancer</source>
        <translation>في طابور الانتظار عند موازن الأحمال</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="208"/>
        <source>connect to the next hop</source>
        <translation>الاتصال بالقفزة التالية</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="211"/>
        <source>TCP connect</source>
        <translation>اتصال TCP</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="237"/>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="289"/>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="305"/>
        <source>%1 ms</source>
        <translation>%1 مللي ثانية</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="248"/>
        <source>(start)</source>
        <translation>(البداية)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="250"/>
        <source>%1 → %2: %3 %4
%5</source>
        <translation>%1 → %2: %3 %4
%5</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="260"/>
        <source>%1: %2 ms</source>
        <translation>%1: %2 مللي ثانية</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="273"/>
        <source>No hops recorded</source>
        <translation>لم تُسجّل أي قفزة</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="397"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="398"/>
        <source>error, timeout or 5xx</source>
        <translation>خطأ أو انتهاء مهلة أو 5xx</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="399"/>
        <source>refused or blocked</source>
        <translation>مرفوض أو محجوب</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="400"/>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
</context>
</TS>
