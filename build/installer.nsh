; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
;
; /SERVERURL=<address> sets the service's address for every agent on the machine at install time, as the
; ServerUrl policy under HKLM\SOFTWARE\Policies\Sessiondesk\Agent: the key the client's policy reader
; reads (main/core/settings/policy-windows.ts), so it is locked exactly as Group Policy would lock it.
; Only a per-machine installation can write HKLM; a per-user one says so in its log and goes on.
;
;   "Sessiondesk-Setup-1.2.3.exe" /S /allusers /SERVERURL=https://support.example.com

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SERVERURL=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    ${If} $installMode == "all"
      ; The installer already chose the 64-bit registry view on 64-bit Windows (check64BitAndSetRegView).
      WriteRegStr HKLM "SOFTWARE\Policies\Sessiondesk\Agent" "ServerUrl" "$R1"
      DetailPrint "ServerUrl policy set to $R1"
    ${Else}
      DetailPrint "/SERVERURL ignored: only a per-machine installation (/allusers) can set the ServerUrl policy"
    ${EndIf}
  ${EndIf}
!macroend
