<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>DiagramLayout</name>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="31"/>
        <source>Web tier</source>
        <translation>Niveau web</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="33"/>
        <source>App tier</source>
        <translation>Niveau application</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_layout.cpp" line="35"/>
        <source>Database tier</source>
        <translation>Niveau base de données</translation>
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
        <location filename="../widgets/diagram_types.cpp" line="30"/>
        <source>Up</source>
        <translation>En service</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="32"/>
        <source>Going down</source>
        <translation>En train de tomber</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="34"/>
        <source>Down</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_types.cpp" line="36"/>
        <source>Going up</source>
        <translation>En train de revenir</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="98"/>
        <source>DOWN</source>
        <translation>HORS SERVICE</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="107"/>
        <source>%1 (%2 checks)</source>
        <translation>%1 (%2 vérifications)</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="116"/>
        <source>Replica</source>
        <translation>Réplique</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="117"/>
        <source>Primary</source>
        <translation>Primaire</translation>
    </message>
    <message>
        <location filename="../widgets/node_item.cpp" line="119"/>
        <source>State: %1</source>
        <translation>État : %1</translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="27"/>
        <source>External client (curl, browser)</source>
        <translation>Client externe (curl, navigateur)</translation>
    </message>
</context>
<context>
    <name>TripBuilder</name>
    <message>
        <location filename="../app/trip_builder.cpp" line="38"/>
        <source>no response</source>
        <translation>pas de réponse</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="47"/>
        <source>Teaches how a web request travels through a web infrastructure, with every component running as a real service on loopback.</source>
        <translation>Montre le trajet d’une requête web à travers une infrastructure web, chaque composant tournant comme un vrai service sur l’interface de bouclage.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="54"/>
        <source>Run the engine without a window.</source>
        <translation>Lancer le moteur sans fenêtre.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="57"/>
        <source>Port of the admin interface on 127.0.0.1.</source>
        <translation>Port de l’interface d’administration sur 127.0.0.1.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="60"/>
        <source>Window language: en, fr or ar.</source>
        <translation>Langue de la fenêtre : en, fr ou ar.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="131"/>
        <source>Webstack Lab</source>
        <translation>Webstack Lab</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="132"/>
        <source>The engine did not start: %1</source>
        <translation>Le moteur n’a pas démarré : %1</translation>
    </message>
</context>
<context>
    <name>wsl::DiagramView</name>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="76"/>
        <source>&amp;Fail</source>
        <translation>&amp;Mettre en panne</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="77"/>
        <source>Take this node down</source>
        <translation>Mettre ce nœud hors service</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="78"/>
        <source>&amp;Restore</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../widgets/diagram_view.cpp" line="79"/>
        <source>Bring this node back up</source>
        <translation>Remettre ce nœud en service</translation>
    </message>
</context>
<context>
    <name>wsl::MainWindow</name>
    <message>
        <location filename="../app/main_window.cpp" line="132"/>
        <source>Copied %1</source>
        <translation>%1 copié</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="161"/>
        <location filename="../app/main_window.cpp" line="230"/>
        <source>Requests: %1</source>
        <translation>Requêtes : %1</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="166"/>
        <source>Select a node first, then press F to fail it.</source>
        <translation>Sélectionnez d’abord un nœud, puis appuyez sur F pour le mettre en panne.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="174"/>
        <source>Select a node first, then press R to restore it.</source>
        <translation>Sélectionnez d’abord un nœud, puis appuyez sur R pour le rétablir.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="213"/>
        <source>Webstack Lab</source>
        <translation>Webstack Lab</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="214"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="215"/>
        <source>&amp;Request</source>
        <translation>&amp;Requête</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="216"/>
        <source>&amp;Node</source>
        <translation>&amp;Nœud</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="217"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="218"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="219"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="220"/>
        <source>Send request: home page</source>
        <translation>Envoyer une requête : page d’accueil</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="221"/>
        <source>Send request: API read (message list)</source>
        <translation>Envoyer une requête : lecture API (liste des messages)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="222"/>
        <source>Send request: API write (post a message)</source>
        <translation>Envoyer une requête : écriture API (publier un message)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="223"/>
        <source>&amp;Fail selected node</source>
        <translation>&amp;Mettre en panne le nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="224"/>
        <source>&amp;Restore selected node</source>
        <translation>&amp;Rétablir le nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="225"/>
        <source>Send request</source>
        <translation>Envoyer une requête</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="227"/>
        <source>The built-in client resolves www.foobar.com through the DNS server, then sends the request to the address it got (Space)</source>
        <translation>Le client intégré résout www.foobar.com auprès du serveur DNS, puis envoie la requête à l’adresse obtenue (Espace)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="229"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="233"/>
        <source>Site: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>Site : &lt;a href="%1"&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="234"/>
        <source>Click to copy the load balancer&apos;s URL</source>
        <translation>Cliquez pour copier l’URL du répartiteur de charge</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="236"/>
        <source>DNS: %1   Admin: %2</source>
        <translation>DNS : %1   Admin : %2</translation>
    </message>
</context>
</TS>
