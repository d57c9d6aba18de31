<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>DiagramLayout</name>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="36"/>
        <source>Web tier</source>
        <translation>Niveau web</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="38"/>
        <source>App tier</source>
        <translation>Niveau application</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="40"/>
        <source>Database tier</source>
        <translation>Bases de données</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="42"/>
        <source>Monitoring</source>
        <translation>Supervision</translation>
    </message>
</context>
<context>
    <name>DiagramNode</name>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="10"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="12"/>
        <source>External client</source>
        <translation>Client externe</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="14"/>
        <source>DNS server</source>
        <translation>Serveur DNS</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="16"/>
        <source>Load balancer</source>
        <translation>Répartiteur de charge</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="18"/>
        <source>Web server</source>
        <translation>Serveur web</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="20"/>
        <source>Application server</source>
        <translation>Serveur d’application</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="22"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="24"/>
        <source>Monitoring collector</source>
        <translation>Collecteur de supervision</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="26"/>
        <source>Firewall</source>
        <translation>Pare-feu</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="34"/>
        <source>Up</source>
        <translation>En service</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="36"/>
        <source>Going down</source>
        <translation>En train de tomber</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="38"/>
        <source>Down</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="40"/>
        <source>Going up</source>
        <translation>En train de revenir</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="42"/>
        <source>Out of rotation</source>
        <translation>Hors rotation</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="98"/>
        <source>DOWN</source>
        <translation>HORS SERVICE</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="109"/>
        <source>%1 (%2 checks)</source>
        <translation>%1 (%2 vérifications)</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="118"/>
        <source>In front of %1</source>
        <translation>Devant %1</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="122"/>
        <source>Replica</source>
        <translation>Réplique</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="123"/>
        <source>Primary</source>
        <translation>Primaire</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="125"/>
        <source>State: %1</source>
        <translation>État : %1</translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="35"/>
        <source>External client (curl, browser)</source>
        <translation>Externe (curl, navigateur)</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="41"/>
        <source>pages</source>
        <translation>pages</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="44"/>
        <source>reads</source>
        <translation>lectures</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="47"/>
        <source>writes</source>
        <translation>écritures</translation>
    </message>
</context>
<context>
    <name>EngineBridge</name>
    <message>
        <location filename="../app/engine_bridge.cpp" line="60"/>
        <source>DRAIN</source>
        <translation>DRAINAGE</translation>
    </message>
    <message>
        <location filename="../app/engine_bridge.cpp" line="61"/>
        <source>MAINT</source>
        <translation>MAINT.</translation>
    </message>
</context>
<context>
    <name>RequestView</name>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="13"/>
        <source>built-in</source>
        <translation>intégré</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="16"/>
        <source>curl</source>
        <translation>curl</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="19"/>
        <source>browser</source>
        <translation>navigateur</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="22"/>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_types.cpp" line="25"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location filename="../app/request_view_builder.cpp" line="101"/>
        <source>(connection blocked: %1)</source>
        <translation>(connexion bloquée : %1)</translation>
    </message>
</context>
<context>
    <name>TripBuilder</name>
    <message>
        <location filename="../app/trip_builder.cpp" line="27"/>
        <source>no response</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <location filename="../app/trip_builder.cpp" line="64"/>
        <source>blocked</source>
        <translation>bloquée</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="82"/>
        <source>Teaches how a web request travels through a web infrastructure, with every component running as a real service on loopback.</source>
        <translation>Montre le trajet d’une requête web à travers une infrastructure web, chaque composant tournant comme un vrai service sur l’interface de bouclage.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="89"/>
        <source>Run the engine without a window.</source>
        <translation>Lancer le moteur sans fenêtre.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="92"/>
        <source>Port of the admin interface on 127.0.0.1.</source>
        <translation>Port de l’interface d’administration sur 127.0.0.1.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="95"/>
        <source>Window language: en, fr or ar.</source>
        <translation>Langue de la fenêtre : en, fr ou ar.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="98"/>
        <source>Write the recent requests of the running app (found by --admin-port) to &lt;file&gt; as HAR 1.2.</source>
        <translation>Écrire les requêtes récentes de l’application en cours d’exécution (trouvée via --admin-port) dans &lt;file&gt; au format HAR 1.2.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="104"/>
        <source>Write the recent events of the running app (found by --admin-port) to &lt;file&gt; as CSV.</source>
        <translation>Écrire les événements récents de l’application en cours d’exécution (trouvée via --admin-port) dans &lt;file&gt; au format CSV.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="110"/>
        <source>Start with a preset (simple, distributed, secured, scaled) or a topology file instead of the Distributed stage.</source>
        <translation>Démarrer avec un préréglage (simple, distributed, secured, scaled) ou un fichier de topologie au lieu de l’étape Distribuée.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="202"/>
        <source>Webstack Lab</source>
        <translation>Webstack Lab</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="203"/>
        <source>The engine did not start: %1</source>
        <translation>Le moteur n’a pas démarré : %1</translation>
    </message>
</context>
<context>
    <name>wsl::CapacityBox</name>
    <message>
        <location filename="../app/capacity_box.cpp" line="64"/>
        <source>The capacity was not changed: %1</source>
        <translation>La capacité n’a pas été modifiée : %1</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="67"/>
        <source>Applied to every application server: %1 at once, %2 ms each.</source>
        <translation>Appliqué à tous les serveurs d’application : %1 requêtes simultanées, %2 ms par requête.</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="80"/>
        <source>Application servers&apos; capacity</source>
        <translation>Capacité des serveurs d’application</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="82"/>
        <source>Give each request a cost and lower the limit, then raise the rate: latency climbs, then 503 responses appear. Scale → Add an application server brings them back down.</source>
        <translation>Donnez un coût à chaque requête et abaissez la limite, puis augmentez le débit : la latence grimpe, puis des réponses 503 apparaissent. Mise à l’échelle → Ajouter un serveur d’application les fait redescendre.</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="84"/>
        <source>Requests handled at once:</source>
        <translation>Requêtes simultanées :</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="85"/>
        <source>Cost per request (ms):</source>
        <translation>Coût par requête (ms) :</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="87"/>
        <source>Each application server handles this many requests at once; more wait in a short queue, and beyond it get 503 Service Unavailable.</source>
        <translation>Chaque serveur d’application traite ce nombre de requêtes à la fois ; les suivantes attendent dans une courte file, et au-delà reçoivent 503 Service Unavailable.</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="89"/>
        <source>How long each application server works on every request</source>
        <translation>Temps que chaque serveur d’application consacre à chaque requête</translation>
    </message>
    <message>
        <location filename="../app/capacity_box.cpp" line="90"/>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
</context>
<context>
    <name>wsl::DiagramView</name>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="386"/>
        <source>&amp;Fail</source>
        <translation>&amp;Mettre en panne</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="387"/>
        <source>Take this node down</source>
        <translation>Mettre ce nœud hors service</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="388"/>
        <source>&amp;Restore</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="389"/>
        <source>Bring this node back up</source>
        <translation>Remettre ce nœud en service</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="447"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="449"/>
        <source>SPOF: %1</source>
        <translation>SPOF : %1</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="450"/>
        <source>Single point of failure: if %1 fails, the site stops serving %2</source>
        <translation>Point de défaillance unique : si %1 tombe en panne, le site ne sert plus ses %2</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="99"/>
        <source>%1 req/s</source>
        <translation>%1 req/s</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="122"/>
        <source>%1 req/s · %2% err</source>
        <translation>%1 req/s · %2 % err</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="125"/>
        <source>%1 · %2 conn</source>
        <translation>%1 · %2 conn.</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="153"/>
        <source>Over the last second: requests per second, share of requests answered with 5xx or failed, and open connections</source>
        <translation>Sur la dernière seconde : requêtes par seconde, part des requêtes ayant reçu une réponse 5xx ou échoué, et connexions ouvertes</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="175"/>
        <source>1 request in %1 animated</source>
        <translation>1 requête sur %1 animée</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view_traffic.cpp" line="177"/>
        <source>%1; with a failed hop: 1 in %2</source>
        <translation>%1 ; avec un saut en échec : 1 sur %2</translation>
    </message>
</context>
<context>
    <name>wsl::EngineBridge</name>
    <message>
        <location filename="../app/engine_bridge.cpp" line="441"/>
        <source>the selected requests are older than the engine&apos;s last %1</source>
        <translation>les requêtes sélectionnées sont plus anciennes que les %1 dernières du moteur</translation>
    </message>
</context>
<context>
    <name>wsl::EventListWidget</name>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="103"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="104"/>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="105"/>
        <source>Show only events of one kind</source>
        <translation>N’afficher que les événements d’un type</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="106"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_list_widget.cpp" line="107"/>
        <source>Remove every event from the list</source>
        <translation>Retirer tous les événements de la liste</translation>
    </message>
</context>
<context>
    <name>wsl::EventStore</name>
    <message>
        <location filename="../widgets/inspector/event_store.cpp" line="128"/>
        <source>Time (s)</source>
        <translation>Temps (s)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_store.cpp" line="130"/>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_store.cpp" line="132"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/event_store.cpp" line="134"/>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
</context>
<context>
    <name>wsl::HopDetailWidget</name>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="149"/>
        <source>Headers</source>
        <translation>En-têtes</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="150"/>
        <source>Body</source>
        <translation>Corps</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="151"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="152"/>
        <source>Eavesdropper</source>
        <translation>Espion</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="153"/>
        <source>What someone on the link into this node could read</source>
        <translation>Ce que peut lire quelqu’un sur le lien vers ce nœud</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="154"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="154"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="155"/>
        <source>No request body</source>
        <translation>Pas de corps de requête</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="156"/>
        <source>No response body</source>
        <translation>Pas de corps de réponse</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="157"/>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="158"/>
        <source>No bytes were captured on this link</source>
        <translation>Aucun octet capturé sur ce lien</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="187"/>
        <source>Select a hop in the waterfall to see what that node received.</source>
        <translation>Sélectionnez un saut dans la cascade pour voir ce que ce nœud a reçu.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="199"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="208"/>
        <source>%1 → %2 · %3 %4 · %5 · %6</source>
        <translation>%1 → %2 · %3 %4 · %5 · %6</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="223"/>
        <source>Request headers as %1 received them</source>
        <translation>En-têtes de requête tels que %1 les a reçus</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="224"/>
        <source>Response headers as %1 sent them</source>
        <translation>En-têtes de réponse tels que %1 les a envoyés</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="234"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="236"/>
        <source>%1 · first %2</source>
        <translation>%1 · premiers %2</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="243"/>
        <source>%1 · binary, shown in hex</source>
        <translation>%1 · binaire, affiché en hexadécimal</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="248"/>
        <source>Request body</source>
        <translation>Corps de la requête</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="249"/>
        <source>Response body</source>
        <translation>Corps de la réponse</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="255"/>
        <source>Only database hops run SQL</source>
        <translation>Seuls les sauts de base de données exécutent du SQL</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="261"/>
        <source>SQL that %1 ran for this request</source>
        <translation>SQL exécuté par %1 pour cette requête</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="267"/>
        <source>%1 started this request, so no link carried this hop. Select the next hop to see what crossed its link.</source>
        <translation>%1 a lancé cette requête, donc aucun lien n’a transporté ce saut. Sélectionnez le saut suivant pour voir ce qui a traversé son lien.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="280"/>
        <source>No bytes were captured on the link between %1 and %2.</source>
        <translation>Aucun octet capturé sur le lien entre %1 et %2.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="282"/>
        <source>The link between %1 and %2 uses TLS, so anyone on it sees only these TLS records in hex: ciphertext, not the request or the response. The first request on a connection also carries the handshake, whose server name is readable.</source>
        <translation>Le lien entre %1 et %2 utilise TLS : toute personne sur ce lien ne voit que ces enregistrements TLS en hexadécimal, du texte chiffré, et ni la requête ni la réponse. La première requête d’une connexion transporte aussi la négociation, dont le nom de serveur est lisible.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="288"/>
        <source>Anyone on the link between %1 and %2 can read this: DNS sends the question and the answer unencrypted.</source>
        <translation>Toute personne sur le lien entre %1 et %2 peut lire ceci : le DNS envoie la question et la réponse sans chiffrement.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="293"/>
        <source>Anyone on the link between %1 and %2 can read this.</source>
        <translation>Toute personne sur le lien entre %1 et %2 peut lire ceci.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="298"/>
        <source>ciphertext</source>
        <translation>texte chiffré</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="298"/>
        <source>plain text</source>
        <translation>texte en clair</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="301"/>
        <source>Request %1 → %2 · %3 · %4</source>
        <translation>Requête %1 → %2 · %3 · %4</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/hop_detail_widget.cpp" line="304"/>
        <source>Response %1 → %2 · %3 · %4</source>
        <translation>Réponse %1 → %2 · %3 · %4</translation>
    </message>
</context>
<context>
    <name>wsl::HostFrameItem</name>
    <message>
        <location filename="../widgets/host_frame_item.cpp" line="41"/>
        <source>%1 (one machine)</source>
        <translation>%1 (une seule machine)</translation>
    </message>
</context>
<context>
    <name>wsl::LoadForm</name>
    <message>
        <location filename="../app/load_form.cpp" line="125"/>
        <source>The request mix is all zeros. Give pages, API reads or API writes a share above 0 %.</source>
        <translation>Toutes les parts de requêtes sont à zéro. Donnez aux pages, aux lectures API ou aux écritures API une part supérieure à 0 %.</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="152"/>
        <source>Give at least one kind of request a share above 0 %.</source>
        <translation>Donnez à au moins un type de requête une part supérieure à 0 %.</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="156"/>
        <source>The shares add up to %1 %; each is taken as a part of that total.</source>
        <translation>Les parts totalisent %1 % ; chacune est prise comme une fraction de ce total.</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="168"/>
        <source>Load run</source>
        <translation>Exécution de charge</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="169"/>
        <source>Constant rate</source>
        <translation>Débit constant</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="170"/>
        <source>Concurrent users</source>
        <translation>Utilisateurs simultanés</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="172"/>
        <source>Constant rate sends a fixed number of requests per second, however slow the answers. Concurrent users each send their next request when the previous one has ended.</source>
        <translation>Débit constant envoie un nombre fixe de requêtes par seconde, quelle que soit la lenteur des réponses. Avec Utilisateurs simultanés, chaque utilisateur envoie sa requête suivante une fois la précédente terminée.</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="174"/>
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="175"/>
        <source>Rate (requests per second):</source>
        <translation>Débit (requêtes par seconde) :</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="176"/>
        <source>Users:</source>
        <translation>Utilisateurs :</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="177"/>
        <source>Pages (%):</source>
        <translation>Pages (%) :</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="178"/>
        <source>API reads (%):</source>
        <translation>Lectures API (%) :</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="179"/>
        <source>API writes (%):</source>
        <translation>Écritures API (%) :</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="180"/>
        <source>Duration (seconds):</source>
        <translation>Durée (secondes) :</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="181"/>
        <source>Share of requests for the home page (GET /)</source>
        <translation>Part des requêtes vers la page d’accueil (GET /)</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="182"/>
        <source>Share of requests that read the message list (GET /api/messages)</source>
        <translation>Part des requêtes qui lisent la liste des messages (GET /api/messages)</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="183"/>
        <source>Share of requests that post a message (POST /api/messages)</source>
        <translation>Part des requêtes qui publient un message (POST /api/messages)</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="184"/>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="185"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../app/load_form.cpp" line="186"/>
        <source>Send no more requests; those in flight finish and are counted</source>
        <translation>Ne plus envoyer de requêtes ; celles en cours se terminent et sont comptées</translation>
    </message>
</context>
<context>
    <name>wsl::LoadPanel</name>
    <message>
        <location filename="../app/load_panel.cpp" line="43"/>
        <location filename="../app/load_panel.cpp" line="110"/>
        <source>Load test</source>
        <translation>Test de charge</translation>
    </message>
    <message>
        <location filename="../app/load_panel.cpp" line="54"/>
        <source>The run failed to start: %1</source>
        <translation>L’exécution n’a pas pu démarrer : %1</translation>
    </message>
</context>
<context>
    <name>wsl::LoadProgress</name>
    <message>
        <location filename="../app/load_progress.cpp" line="124"/>
        <source>%1 s elapsed, %2 s remaining</source>
        <translation>%1 s écoulées, %2 s restantes</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="127"/>
        <source>No more requests are sent; waiting for the %1 in flight.</source>
        <translation>Plus aucune requête n’est envoyée ; attente des %1 en cours.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="131"/>
        <source>Ran for %1 s of %2 s</source>
        <translation>A duré %1 s sur %2 s</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="153"/>
        <source>%1 sent, %2 succeeded, %3 failed.</source>
        <translation>%1 envoyées, %2 réussies, %3 en échec.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="156"/>
        <source>Latency: p50 %1 ms, p95 %2 ms, p99 %3 ms.</source>
        <translation>Latence : p50 %1 ms, p95 %2 ms, p99 %3 ms.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="163"/>
        <source>Achieved rate: %1 requests per second sent, %2 succeeded per second.</source>
        <translation>Débit atteint : %1 requêtes envoyées par seconde, %2 réussies par seconde.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="166"/>
        <source>Connections: %1 opened, %2 reused.</source>
        <translation>Connexions : %1 ouvertes, %2 réutilisées.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="170"/>
        <source>Failures: %1.</source>
        <translation>Échecs : %1.</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="181"/>
        <source>%1 with 4xx</source>
        <translation>%1 en 4xx</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="181"/>
        <source>%1 with 5xx</source>
        <translation>%1 en 5xx</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="182"/>
        <source>%1 refused</source>
        <translation>%1 refusées</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="182"/>
        <source>%1 timed out</source>
        <translation>%1 hors délai</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="183"/>
        <source>%1 reset</source>
        <translation>%1 réinitialisées</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="183"/>
        <source>%1 other errors</source>
        <translation>%1 autres erreurs</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="195"/>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="198"/>
        <source>Stopping</source>
        <translation>Arrêt en cours</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="201"/>
        <source>Finished</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="204"/>
        <source>Stopped</source>
        <translation>Arrêtée</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="206"/>
        <source>No run yet</source>
        <translation>Aucune exécution</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="217"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="219"/>
        <source>Sent:</source>
        <translation>Envoyées :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="219"/>
        <source>In flight:</source>
        <translation>En cours :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="219"/>
        <source>Succeeded:</source>
        <translation>Réussies :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="219"/>
        <source>Waiting:</source>
        <translation>En attente :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="220"/>
        <source>4xx responses:</source>
        <translation>Réponses 4xx :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="220"/>
        <source>5xx responses:</source>
        <translation>Réponses 5xx :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="220"/>
        <source>Refused:</source>
        <translation>Refusées :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="220"/>
        <source>Timed out:</source>
        <translation>Hors délai :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="221"/>
        <source>Reset:</source>
        <translation>Réinitialisées :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="221"/>
        <source>Other errors:</source>
        <translation>Autres erreurs :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="221"/>
        <source>Skipped:</source>
        <translation>Non envoyées :</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="226"/>
        <source>Requests not sent because too many were still waiting for an answer</source>
        <translation>Requêtes non envoyées parce que trop de requêtes attendaient encore une réponse</translation>
    </message>
    <message>
        <location filename="../app/load_progress.cpp" line="228"/>
        <source>Requests in flight that wait for a free connection: a run keeps at most %1 connections open, as a crowd of browsers would</source>
        <translation>Requêtes en cours qui attendent une connexion libre : une exécution garde au plus %1 connexions ouvertes, comme le ferait une foule de navigateurs</translation>
    </message>
</context>
<context>
    <name>wsl::MainWindow</name>
    <message>
        <location filename="../app/main_window.cpp" line="260"/>
        <location filename="../app/main_window.cpp" line="276"/>
        <source>Export requests as HAR</source>
        <translation>Exporter les requêtes en HAR</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="261"/>
        <location filename="../app/main_window.cpp" line="277"/>
        <source>HTTP Archive (*.har)</source>
        <translation>Archive HTTP (*.har)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="255"/>
        <location filename="../app/main_window_topology.cpp" line="138"/>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="255"/>
        <source>Could not save %1: %2</source>
        <translation>Impossible d’enregistrer %1 : %2</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="282"/>
        <source>Export events as CSV</source>
        <translation>Exporter les événements en CSV</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="283"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="292"/>
        <source>Copied %1</source>
        <translation>%1 copié</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="347"/>
        <location filename="../app/main_window.cpp" line="449"/>
        <source>Requests: %1</source>
        <translation>Requêtes : %1</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="353"/>
        <source>Select a node first, then press F to fail it.</source>
        <translation>Sélectionnez d’abord un nœud, puis appuyez sur F pour le mettre en panne.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="361"/>
        <source>Select a node first, then press R to restore it.</source>
        <translation>Sélectionnez d’abord un nœud, puis appuyez sur R pour le rétablir.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="401"/>
        <source>Webstack Lab</source>
        <translation>Webstack Lab</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="402"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="403"/>
        <source>&amp;Request</source>
        <translation>&amp;Requête</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="404"/>
        <source>&amp;Node</source>
        <translation>&amp;Nœud</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="408"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="409"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="410"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="411"/>
        <source>Send request: home page</source>
        <translation>Envoyer une requête : page d’accueil</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="412"/>
        <source>Send request: API read (message list)</source>
        <translation>Envoyer une requête : lecture API (liste des messages)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="413"/>
        <source>Send request: API write (post a message)</source>
        <translation>Envoyer une requête : écriture API (publier un message)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="414"/>
        <source>&amp;Fail selected node</source>
        <translation>&amp;Mettre en panne le nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="415"/>
        <source>&amp;Restore selected node</source>
        <translation>&amp;Rétablir le nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="416"/>
        <source>Send request</source>
        <translation>Envoyer une requête</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="418"/>
        <source>The built-in client resolves www.foobar.com through the DNS server, then sends the request to the address it got (Space)</source>
        <translation>Le client intégré résout www.foobar.com auprès du serveur DNS, puis envoie la requête à l’adresse obtenue (Espace)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="420"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="421"/>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="422"/>
        <source>Export requests as &amp;HAR…</source>
        <translation>Exporter les requêtes en &amp;HAR…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="423"/>
        <source>Export &amp;selected requests as HAR…</source>
        <translation>Exporter les requêtes &amp;sélectionnées en HAR…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="424"/>
        <source>Export &amp;events as CSV…</source>
        <translation>Exporter les &amp;événements en CSV…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="425"/>
        <source>&amp;Open topology…</source>
        <translation>&amp;Ouvrir une topologie…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="426"/>
        <source>Save topology &amp;as…</source>
        <translation>&amp;Enregistrer la topologie sous…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="427"/>
        <source>Stage:</source>
        <translation>Étape :</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="429"/>
        <source>The four stages of a web stack. Switching restarts every service with the new topology.</source>
        <translation>Les quatre étapes d’une pile web. Changer d’étape redémarre chaque service avec la nouvelle topologie.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="433"/>
        <location filename="../app/main_window_topology.cpp" line="160"/>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="435"/>
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="436"/>
        <source>Live</source>
        <translation>Direct</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="437"/>
        <source>Slow motion</source>
        <translation>Ralenti</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="438"/>
        <location filename="../app/main_window.cpp" line="444"/>
        <source>Step</source>
        <translation>Pas à pas</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="440"/>
        <source>Live replays each request at a human pace after it happened. Slow motion makes the servers wait at every hop, so that real requests take as long as the picture. Step holds every request at each hop until you press Step.</source>
        <translation>Direct rejoue chaque requête à vitesse humaine après coup. Ralenti fait attendre les serveurs à chaque saut, pour que les vraies requêtes durent autant que l’animation. Pas à pas retient chaque requête à chaque saut jusqu’à ce que vous appuyiez sur Pas à pas.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="445"/>
        <source>Release the request held longest by one hop (S)</source>
        <translation>Faire avancer d’un saut la requête retenue depuis le plus longtemps (S)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="446"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="447"/>
        <source>Release every held request and return to Live</source>
        <translation>Libérer toutes les requêtes retenues et revenir au direct</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="448"/>
        <source>Speed:</source>
        <translation>Vitesse :</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="452"/>
        <source>Site: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>Site : &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="453"/>
        <source>Click to copy the URL that www.foobar.com resolves to</source>
        <translation>Cliquez pour copier l’URL vers laquelle www.foobar.com est résolu</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="455"/>
        <source>DNS: %1   Admin: %2</source>
        <translation>DNS : %1   Admin : %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="57"/>
        <source>Fault: &amp;hang (accept, never answer)</source>
        <translation>Panne : &amp;blocage (accepte, ne répond jamais)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="58"/>
        <source>Fault: &amp;slow (+%1 ms)</source>
        <translation>Panne : &amp;lenteur (+%1 ms)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="59"/>
        <source>Fault: &amp;errors (%1% answered %2)</source>
        <translation>Panne : &amp;erreurs (%1 % de réponses %2)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="60"/>
        <source>&amp;Clear the fault</source>
        <translation>&amp;Supprimer la panne</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="61"/>
        <source>&amp;Deploy (restart, %1 s down)</source>
        <translation>&amp;Déployer (redémarrage, %1 s d’arrêt)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="62"/>
        <source>Dr&amp;ain at the load balancer</source>
        <translation>Dr&amp;ainer au répartiteur de charge</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="63"/>
        <source>Back in rotation (&amp;ready)</source>
        <translation>Remettre en rotation (prê&amp;t)</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="64"/>
        <source>&amp;Promote this database to primary</source>
        <translation>&amp;Promouvoir cette base de données en primaire</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="65"/>
        <source>Add a &amp;web server</source>
        <translation>Ajouter un serveur &amp;web</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="66"/>
        <source>Add an &amp;application server</source>
        <translation>Ajouter un serveur d’&amp;application</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="67"/>
        <source>&amp;Remove the selected server</source>
        <translation>&amp;Retirer le serveur sélectionné</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="68"/>
        <source>Rolling &amp;deploy of the web tier</source>
        <translation>&amp;Déploiement progressif du niveau web</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="73"/>
        <source>&amp;Scale</source>
        <translation>&amp;Mise à l’échelle</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="80"/>
        <source>Select a node in the diagram first.</source>
        <translation>Sélectionnez d’abord un nœud dans le diagramme.</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="146"/>
        <source>%1 added and in rotation</source>
        <translation>%1 ajouté et en rotation</translation>
    </message>
    <message>
        <location filename="../app/main_window_controls.cpp" line="165"/>
        <source>Rolling deploy started: see the Events dock</source>
        <translation>Déploiement progressif lancé : voir le panneau Événements</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="103"/>
        <source>Se&amp;ttings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="104"/>
        <source>Load-balancing &amp;algorithm</source>
        <translation>&amp;Algorithme de répartition de charge</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="105"/>
        <source>Round robin</source>
        <translation>Round robin</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="105"/>
        <source>Weighted round robin</source>
        <translation>Round robin pondéré</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="105"/>
        <source>Least connections</source>
        <translation>Moins de connexions</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="106"/>
        <source>Source address hash</source>
        <translation>Hachage de l’adresse source</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="111"/>
        <source>Redirect HTTP to HTTPS at the load balancer</source>
        <translation>Rediriger HTTP vers HTTPS au répartiteur de charge</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="112"/>
        <source>Application servers force HTTPS</source>
        <translation>Les serveurs d’application imposent HTTPS</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="113"/>
        <source>&amp;Synchronous replication</source>
        <translation>Réplication &amp;synchrone</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="114"/>
        <source>Show &amp;monitoring traffic (agent pushes)</source>
        <translation>Afficher le &amp;trafic de supervision (envois des agents)</translation>
    </message>
    <message>
        <location filename="../app/main_window_settings.cpp" line="115"/>
        <source>Show single &amp;points of failure</source>
        <translation>Afficher les &amp;points de défaillance uniques</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="21"/>
        <source>1. Simple</source>
        <translation>1. Simple</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="24"/>
        <source>2. Distributed</source>
        <translation>2. Distribuée</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="27"/>
        <source>3. Secured and monitored</source>
        <translation>3. Sécurisée et supervisée</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="30"/>
        <source>4. Scaled up</source>
        <translation>4. À grande échelle</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="56"/>
        <source>Stage not switched</source>
        <translation>Étape non changée</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="66"/>
        <source>Topology not started</source>
        <translation>Topologie non démarrée</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="67"/>
        <source>%1 could not start, so the previous topology is running again.

%2</source>
        <translation>%1 n’a pas pu démarrer, la topologie précédente tourne donc de nouveau.

%2</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="72"/>
        <source>Now running: %1</source>
        <translation>En cours d’exécution : %1</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="76"/>
        <source>Open topology</source>
        <translation>Ouvrir une topologie</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="77"/>
        <location filename="../app/main_window_topology.cpp" line="116"/>
        <source>Webstack Lab topology (*.json)</source>
        <translation>Topologie Webstack Lab (*.json)</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="88"/>
        <location filename="../app/main_window_topology.cpp" line="93"/>
        <location filename="../app/main_window_topology.cpp" line="101"/>
        <source>Topology not opened</source>
        <translation>Topologie non ouverte</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="89"/>
        <source>%1 is larger than 1 MiB; a topology file is much smaller.</source>
        <translation>%1 dépasse 1 Mio ; un fichier de topologie est bien plus petit.</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="94"/>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="100"/>
        <source>%1, line %2</source>
        <translation>%1, ligne %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="102"/>
        <source>%1: %2

The running topology is unchanged.</source>
        <translation>%1 : %2

La topologie en cours reste inchangée.</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="115"/>
        <location filename="../app/main_window_topology.cpp" line="125"/>
        <source>Save topology</source>
        <translation>Enregistrer la topologie</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="126"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 existe déjà. Le remplacer ?</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="134"/>
        <source>Topology not saved</source>
        <translation>Topologie non enregistrée</translation>
    </message>
    <message>
        <location filename="../app/main_window_topology.cpp" line="135"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_load.cpp" line="95"/>
        <source>&amp;Load</source>
        <translation>&amp;Charge</translation>
    </message>
    <message>
        <location filename="../app/main_window_load.cpp" line="97"/>
        <source>Start or stop sending load at the rate beside it, with the Load test tab&apos;s mix and duration (Ctrl+L)</source>
        <translation>Démarrer ou arrêter l’envoi de charge au débit indiqué à côté, avec la répartition et la durée de l’onglet Test de charge (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../app/main_window_load.cpp" line="99"/>
        <source> req/s</source>
        <translation> req/s</translation>
    </message>
    <message>
        <location filename="../app/main_window_load.cpp" line="100"/>
        <source>Requests per second sent while Load is on</source>
        <translation>Requêtes par seconde envoyées tant que Charge est activé</translation>
    </message>
</context>
<context>
    <name>wsl::MonitoringDock</name>
    <message numerus="yes">
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="84"/>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="120"/>
        <source>Latency (ms), last point: %n request(s)</source>
        <translation>
            <numerusform>Latence (ms), dernier point : %n requête</numerusform>
            <numerusform>Latence (ms), dernier point : %n requêtes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="113"/>
        <source>Monitoring</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="114"/>
        <source>Time window:</source>
        <translation>Fenêtre de temps :</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="115"/>
        <source>1 minute</source>
        <translation>1 minute</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="116"/>
        <source>5 minutes</source>
        <translation>5 minutes</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="117"/>
        <source>15 minutes</source>
        <translation>15 minutes</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="118"/>
        <source>Requests per second by web server</source>
        <translation>Requêtes par seconde par serveur web</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="119"/>
        <source>Total at the balancer</source>
        <translation>Total au répartiteur de charge</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="122"/>
        <source>Errors (% of responses)</source>
        <translation>Erreurs (% des réponses)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="123"/>
        <source>Open connections</source>
        <translation>Connexions ouvertes</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="124"/>
        <source>Replication lag (ms)</source>
        <translation>Retard de réplication (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_dock.cpp" line="125"/>
        <source>Backend health</source>
        <translation>Santé des serveurs backend</translation>
    </message>
</context>
<context>
    <name>wsl::RequestDetailWidget</name>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="106"/>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="170"/>
        <source>Select a request to see its hops.</source>
        <translation>Sélectionnez une requête pour voir ses sauts.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="138"/>
        <source>%1 %2 → %3 · %4 ms</source>
        <translation>%1 %2 → %3 · %4 ms</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="144"/>
        <source>no route</source>
        <translation>aucun trajet</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="146"/>
        <source>%1 · from %2 · %3 · trace %4…</source>
        <translation>%1 · depuis %2 · %3 · trace %4…</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_detail_widget.cpp" line="150"/>
        <source>Trace %1</source>
        <translation>Trace %1</translation>
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
        <translation>Une requête doit correspondre à tous les termes. Séparez les termes par des espaces.
~m GET	méthode
~s 404, ~s 5xx	code de statut ou classe
~n web-2	nœud sur le trajet ou dans un saut
~o refused	résultat de la requête ou d’un saut :
	ok, refused, timeout, reset, blocked, error
!terme	inverse un terme, comme dans !~m GET
mot	texte dans l’URL, la méthode, le trajet, le client, l’identifiant de trace
	ou le détail d’un saut, comme le SQL exécuté par une base de données</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="84"/>
        <source>&quot;!&quot; must be followed by a term without a space, as in !~m GET</source>
        <translation>« ! » doit être suivi d’un terme sans espace, comme dans !~m GET</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="112"/>
        <source>~m needs a method, such as ~m GET</source>
        <translation>~m attend une méthode, comme ~m GET</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="132"/>
        <source>~s needs a status like 404 or 5xx</source>
        <translation>~s attend un statut comme 404 ou 5xx</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="133"/>
        <source>~s needs a status like 404 or 5xx, not &quot;%1&quot;</source>
        <translation>~s attend un statut comme 404 ou 5xx, pas « %1 »</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="139"/>
        <source>~n needs a node name, such as ~n web-2</source>
        <translation>~n attend un nom de nœud, comme ~n web-2</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="151"/>
        <source>~o needs one of %1</source>
        <translation>~o attend l’une des valeurs %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="152"/>
        <source>~o needs one of %1, not &quot;%2&quot;</source>
        <translation>~o attend l’une des valeurs %1, pas « %2 »</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_filter.cpp" line="160"/>
        <source>Unknown filter &quot;%1&quot;: use ~m, ~s, ~n or ~o</source>
        <translation>Filtre inconnu « %1 » : utilisez ~m, ~s, ~n ou ~o</translation>
    </message>
</context>
<context>
    <name>wsl::RequestListWidget</name>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="173"/>
        <source>Filter, e.g. ~s 5xx ~n web-2 !~m GET</source>
        <translation>Filtre, p. ex. ~s 5xx ~n web-2 !~m GET</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="175"/>
        <source>Request filter</source>
        <translation>Filtre des requêtes</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="176"/>
        <source>Show the requests of every node</source>
        <translation>Afficher les requêtes de tous les nœuds</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="178"/>
        <source>Hold new requests back while you read. They appear when you resume.</source>
        <translation>Retenir les nouvelles requêtes pendant la lecture. Elles apparaissent à la reprise.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="179"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="180"/>
        <source>Remove every request from the list</source>
        <translation>Retirer toutes les requêtes de la liste</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="206"/>
        <source>Invalid filter: %1</source>
        <translation>Filtre invalide : %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="214"/>
        <source>Node %1</source>
        <translation>Nœud %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="215"/>
        <source>Remove the node filter %1</source>
        <translation>Retirer le filtre de nœud %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="235"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="235"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="245"/>
        <source>%1 shown · %2 dropped · %3 held while paused</source>
        <translation>%1 affichées · %2 écartées · %3 retenues pendant la pause</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_list_widget.cpp" line="248"/>
        <source>%1 shown · %2 dropped</source>
        <translation>%1 affichées · %2 écartées</translation>
    </message>
</context>
<context>
    <name>wsl::RequestStore</name>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="244"/>
        <source>No response was sent</source>
        <translation>Aucune réponse envoyée</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="246"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="252"/>
        <source>Trace %1</source>
        <translation>Trace %1</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="262"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="264"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="266"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="268"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="270"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="272"/>
        <source>Duration (ms)</source>
        <translation>Durée (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="274"/>
        <source>Route</source>
        <translation>Trajet</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/request_store.cpp" line="276"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
</context>
<context>
    <name>wsl::WaterfallView</name>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="93"/>
        <source>Hop waterfall</source>
        <translation>Cascade des sauts</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="202"/>
        <source>TLS handshake</source>
        <translation>négociation TLS</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="205"/>
        <source>queued at the load balancer</source>
        <translation>en file d’attente au répartiteur de charge</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="208"/>
        <source>connect to the next hop</source>
        <translation>connexion au saut suivant</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="211"/>
        <source>TCP connect</source>
        <translation>connexion TCP</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="237"/>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="289"/>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="305"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="248"/>
        <source>(start)</source>
        <translation>(début)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="250"/>
        <source>%1 → %2: %3 %4
%5</source>
        <translation>%1 → %2 : %3 %4
%5</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="260"/>
        <source>%1: %2 ms</source>
        <translation>%1 : %2 ms</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="273"/>
        <source>No hops recorded</source>
        <translation>Aucun saut enregistré</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="397"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="398"/>
        <source>error, timeout or 5xx</source>
        <translation>erreur, délai dépassé ou 5xx</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="399"/>
        <source>refused or blocked</source>
        <translation>refusée ou bloquée</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/waterfall_view.cpp" line="400"/>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
</context>
</TS>
