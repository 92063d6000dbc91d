Attribute VB_Name = "LearnworksButtons"
' learnworks: the macros behind the buttons on the home sheet.
'
' Each button runs one Python entry point of learnworks_xl.xl.buttons, in one of two modes
' chosen on the settings sheet (defined name lw_mode):
'   local Python   -> RunPython "import learnworks_xl.xl.buttons as b; b.<entry>()"
'   xlwings Server -> RunRemotePython <lw_server_url>/<entry>, apiKey from the PC's
'                     environment variable LEARNWORKS_API_KEY, else from the line
'                     LEARNWORKS_API_KEY of the user's own xlwings.conf file (on a Mac,
'                     where setx does not exist); never stored in the workbook
'
' The server answers with the client's runMacro action calling LwAlert, which shows the
' result in a Unicode message box (the client's own alert action uses the ANSI MsgBox).
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
Private Const LW_MB_ICONERROR As Long = &H10
Private Const LW_MB_ICONWARNING As Long = &H30
Private Const LW_MB_ICONINFORMATION As Long = &H40
' The last row RunRemotePython can send. Remote.bas declares
'   Dim startRow As Integer, startCol As Integer / Dim nRows As Integer, nCols As Integer
' and reads .Cells(startRow + nRows - 1, ...): the 16-bit sum startRow + nRows overflows
' (run-time error 6) once the used range's last row reaches 32767.
Private Const LW_LAST_ROW_SENT As Long = 32766

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

' ---------------------------------------------------------------- the server's message box

' Show a result sent by the server: its answer ends with the client's runMacro action,
'   Application.Run "'<book>'!LwAlert", wb, message, title, mode
' (mode "info" or "critical", as xlwings' alert).
Public Sub LwAlert(ByVal wb As Object, ByVal message As Variant, ByVal title As Variant, _
                   ByVal mode As Variant)
    Dim msgText As String
    Dim msgTitle As String
    Dim icon As Long
    msgText = CStr(message)
    msgTitle = CStr(title)
#If Mac Then
    ' As the client's setValues does on a Mac: text from the server arrives as UTF-8 bytes.
    msgText = Utf8ToUtf16(msgText)
    msgTitle = Utf8ToUtf16(msgTitle)
#End If
    Select Case CStr(mode)
    Case "critical"
        icon = LW_MB_ICONERROR
    Case "info"
        icon = LW_MB_ICONINFORMATION
    Case Else
        icon = 0
    End Select
    LwShow msgText, msgTitle, icon
End Sub

' ---------------------------------------------------------------- helpers

' Run one entry point in the mode chosen on the settings sheet (public: the office's
' module LearnworksOffice calls it too; a macro with an argument is not in the macro list).
Public Sub LwRun(ByVal entryPoint As String)
    Dim url As String
    Dim apiKey As String
    Dim tooLong As String
    Dim lastRow As Long
    On Error GoTo Failed
    If LwIsServerMode() Then
        url = LwText("lw_server_url")
        If Len(url) = 0 Then
            LwSay "lw_msg_no_server_url", ""
            Exit Sub
        End If
        apiKey = Environ$(LW_API_KEY_VARIABLE)
        If Len(apiKey) = 0 Then apiKey = CStr(GetConfig(LW_API_KEY_VARIABLE, "", "user"))
        If Len(apiKey) = 0 Then
            LwSay "lw_msg_no_api_key", ""
            Exit Sub
        End If
        tooLong = LwSheetTooLong(lastRow)
        If Len(tooLong) > 0 Then
            LwShow Replace(Replace(LwText("lw_msg_rows_too_far"), "{sheet}", tooLong), _
                           "{row}", Format$(lastRow, "#,##0")), LwTitle(), LW_MB_ICONWARNING
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

' The first worksheet RunRemotePython cannot send, and the last row of its used range; ""
' when it can send them all. It skips a used range of one empty cell (IsEmpty(UsedRange.Value)).
Private Function LwSheetTooLong(ByRef lastRow As Long) As String
    Dim sheet As Worksheet
    Dim found As Boolean
    For Each sheet In ActiveWorkbook.Worksheets
        With sheet.UsedRange
            lastRow = .Row + .Rows.Count - 1
            If lastRow > LW_LAST_ROW_SENT Then
                If .Rows.Count > 1 Or .Columns.Count > 1 Then
                    found = True
                Else
                    found = Not IsEmpty(.Value)
                End If
            End If
        End With
        If found Then
            LwSheetTooLong = sheet.Name
            Exit Function
        End If
    Next sheet
    lastRow = 0
End Function

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
    message = LwText(messageName)
    If Len(message) = 0 Then message = "learnworks: " & messageName
    If Len(details) > 0 Then message = message & vbCrLf & vbCrLf & details
    LwShow message, LwTitle(), LW_MB_ICONWARNING
End Sub

' The title of our message boxes.
Private Function LwTitle() As String
    LwTitle = LwText("lw_msg_title")
    If Len(LwTitle) = 0 Then LwTitle = "learnworks"
End Function

' A message box with one OK button; icon is one of the LW_MB_ICON* constants (0: none).
Private Sub LwShow(ByVal message As String, ByVal title As String, ByVal icon As Long)
#If Mac Then
    MsgBox message, vbOKOnly + icon, title
#Else
    ' MessageBoxW shows Thai whatever the PC's code page for non-Unicode programs.
    LwMessageBoxW Application.hWnd, StrPtr(message), StrPtr(title), icon
#End If
End Sub
