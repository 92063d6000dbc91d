Attribute VB_Name = "LearnworksOffice"
' learnworks: the macros behind the buttons of the Education Office's workbook
' (learnworks-<office>.xlsm, sheet 1).
'
' Each button runs one Python entry point of learnworks_xl.xl.buttons through LwRun of
' LearnworksButtons, the district workbook's module (same modes, same API key, same
' message boxes):
'   LwRollup      -> rollup: roll up the district files of the folder and fill the sheets
'   LwEmailRollup -> email_rollup: the same, then write the roll-up workbook and e-mail it
'
' This file is ASCII only; every text a clerk reads is a defined name of the workbook.
' Generated into the workbook by learnworks_xl.workbook.vba; edit this file, not the
' workbook, then rebuild with: learnworks build-workbook
Option Explicit

Public Sub LwRollup()
    LwRun "rollup"
End Sub

Public Sub LwEmailRollup()
    LwRun "email_rollup"
End Sub
