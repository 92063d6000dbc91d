Attribute VB_Name = "LearnworksButtons"
' learnworks: the macros behind the buttons on the home sheet.
'
' Each button runs one Python entry point of learnworks_xl.xl.buttons, in one of two modes
' chosen on the settings sheet (defined name lw_mode):
'   local Python   -> RunPython "import learnworks_xl.xl.buttons as b; b.<entry>()"
'   xlwings Server -> RunRemotePython <lw_server_url>/<entry>, apiKey from the PC's
'                     environment variable LEARNWORKS_API_KEY (never stored in the workbook)
'
' This file is ASCII only: Thai in VBA source breaks on code pages. Every text a clerk
' reads comes from a defined name of the workbook (lw_msg_*), whose Thai value is written
' by Python when the workbook is built.
'
' Generated into the workbook by learnworks_xl.workbook.vba; edit this file, not the
' workbook, then rebuild with: learnworks build-workbook
Option Explicit

#If Not Mac Then
    #If VBA7 Then
        Private Declare PtrSafe Function LwMessageBoxW Lib "user32" Alias "MessageBoxW" ( _
            ByVal hWnd As LongPtr, ByVal lpText As LongPtr, ByVal lpCaption As LongPtr, _
            ByVal uType As Long) As Long
    #Else
        Private Declare Function LwMessageBoxW Lib "user32" Alias "MessageBoxW" ( _
            ByVal hWnd As Long, ByVal lpText As Long, ByVal lpCaption As Long, _
            ByVal uType As Long) As Long
    #End If
#End If

Private Const LW_PYTHON_MODULE As String = "learnworks_xl.xl.buttons"
Private Const LW_API_KEY_VARIABLE As String = "LEARNWORKS_API_KEY"
Private Const LW_SERVER_MARK As String = "xlwings"
Private Const LW_MB_ICONWARNING As Long = &H30

' ---------------------------------------------------------------- the buttons

Public Sub LwValidate()
    LwRun "validate"
End Sub

Public Sub LwRecompute()
    LwRun "recompute"
End Sub

Public Sub LwReports()
    LwRun "reports"
End Sub

Public Sub LwEmail()
    LwRun "email"
End Sub

Public Sub LwSchoolForms()
    LwRun "school_forms"
End Sub

Public Sub LwCollect()
    LwRun "collect"
End Sub

' ---------------------------------------------------------------- helpers

' Run one entry point in the mode chosen on the settings sheet.
Private Sub LwRun(ByVal entryPoint As String)
    Dim url As String
    Dim apiKey As String
    On Error GoTo Failed
    If LwIsServerMode() Then
        url = LwText("lw_server_url")
        If Len(url) = 0 Then
            LwSay "lw_msg_no_server_url", ""
            Exit Sub
        End If
        apiKey = Environ$(LW_API_KEY_VARIABLE)
        If Len(apiKey) = 0 Then
            LwSay "lw_msg_no_api_key", ""
            Exit Sub
        End If
        Do While Right$(url, 1) = "/"
            url = Left$(url, Len(url) - 1)
        Loop
        RunRemotePython url & "/" & entryPoint, apiKey:=apiKey
    Else
        RunPython "import " & LW_PYTHON_MODULE & " as b; b." & entryPoint & "()"
    End If
    Exit Sub
Failed:
    LwSay "lw_msg_failed", Err.Description
End Sub

' True when lw_mode names the server (its Thai value contains the ASCII word "xlwings").
Private Function LwIsServerMode() As Boolean
    LwIsServerMode = InStr(1, LwText("lw_mode"), LW_SERVER_MARK, vbTextCompare) > 0
End Function

' The value of a defined name (a cell or a constant); "" when it is missing or an error.
Private Function LwText(ByVal definedName As String) As String
    Dim target As Name
    Dim found As Variant
    On Error Resume Next
    Set target = ThisWorkbook.Names(definedName)
    If target Is Nothing Then Exit Function
    found = target.RefersToRange.Value
    If Err.Number <> 0 Then
        Err.Clear
        found = Application.Evaluate(target.RefersTo)
    End If
    If Err.Number = 0 Then
        If Not IsError(found) Then LwText = Trim$(CStr(found))
    End If
    Err.Clear
End Function

' Show the message held by a defined name, with optional details below it.
Private Sub LwSay(ByVal messageName As String, ByVal details As String)
    Dim message As String
    Dim title As String
    message = LwText(messageName)
    If Len(message) = 0 Then message = "learnworks: " & messageName
    If Len(details) > 0 Then message = message & vbCrLf & vbCrLf & details
    title = LwText("lw_msg_title")
    If Len(title) = 0 Then title = "learnworks"
#If Mac Then
    MsgBox message, vbExclamation, title
#Else
    ' MessageBoxW shows Thai whatever the PC's code page for non-Unicode programs.
    LwMessageBoxW Application.hWnd, StrPtr(message), StrPtr(title), LW_MB_ICONWARNING
#End If
End Sub
